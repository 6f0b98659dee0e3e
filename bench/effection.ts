/**
 * Baseline (c): Effection 4, structured concurrency with generators. A spawned operation is
 * Effection's task; halting its scope is its cancellation. Effection gives tasks no AbortSignal
 * unless asked (`useAbortSignal`), so its tasks carry less than ours.
 */
import { run, spawn, suspend, type Task } from "effection";

/** Spawns `n` trivial operations in one scope and waits for every one. */
export async function effectionSpawnSettle(n: number): Promise<void> {
  await run(function* () {
    const tasks: Task<number>[] = [];
    for (let i = 0; i < n; i++) {
      tasks.push(
        // biome-ignore lint/correctness/useYield: the trivial operation returns at once
        yield* spawn(function* () {
          return i;
        }),
      );
    }
    for (const task of tasks) yield* task;
  });
}

/** `n` operations suspended in one scope; `halt()` halts the scope and resolves once it is down. */
export async function effectionPending(n: number): Promise<{ halt(): Promise<void> }> {
  let ready!: () => void;
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const scope = run(function* () {
    for (let i = 0; i < n; i++) {
      yield* spawn(function* () {
        yield* suspend();
      });
    }
    ready();
    yield* suspend();
  });
  await started;
  await new Promise((resolve) => setImmediate(resolve));
  return {
    halt: async () => {
      await scope.halt();
    },
  };
}
