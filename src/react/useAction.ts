import { useMemo, useState, useSyncExternalStore } from "react";
import type { TaskGroup } from "../core/TaskGroup.js";
import type { ActionSnapshot } from "../core/types.js";
import { BOOLEAN, check, FUNCTION } from "../core/validate.js";
import { ActionBinding } from "./ActionBinding.js";
import type { ActionHandle, UseActionOptions } from "./types.js";
import { useCommitEffect } from "./useCommitEffect.js";

/**
 * Binds an action (see `createAction`) to the component: each `run(...args)` runs `body` in a
 * child scope of a group that unmount cancels, with a {@link Policy} for runs that overlap
 * (`restart` a search, `drop` a double submit, `enqueue` uploads, `keepLatest` an autosave).
 *
 * - `run`, `action` and `cancel` keep their identity for the component's life; `run` calls the
 *   `body` of the last committed render, so it never sees stale props.
 * - The snapshot fields (`running`, `queued`, `runs`, `last`, `lastSucceeded`, `lastFailed`,
 *   `value`, `error`) re-render the component only when a field it read changes, at most twice
 *   per burst; a component that only calls `run` never re-renders because of its runs.
 * - Options are read when the action is made: at mount, and at a remount (which also makes a new
 *   `group`).
 * - `throwOnError` (default `false`): a failed run's error is thrown to the nearest error
 *   boundary. By default failures stay in `error`/`lastFailed`, for inline messages.
 * - `action(formData)` is `run(formData)` for `<form action>` (React 19): its promise stays
 *   pending while the run works, so `useFormStatus().pending` and `useOptimistic` follow it.
 * - On the server the handle renders its initial snapshot and nothing runs.
 *
 * @example
 * ```tsx
 * function Search() {
 *   const search = useAction(async (scope, query: string) => {
 *     await sleep(250, scope.signal); // debounce: a newer keystroke restarts the run
 *     return api.search(query, { signal: scope.signal });
 *   }, { policy: "restart" });
 *   return (
 *     <>
 *       <input onChange={(event) => search.run(event.target.value)} />
 *       {search.running > 0 && <Spinner />}
 *       <Results items={search.value ?? []} />
 *     </>
 *   );
 * }
 * ```
 */
export function useAction<A extends unknown[], T>(
  body: (scope: TaskGroup, ...args: A) => T | PromiseLike<T>,
  options?: UseActionOptions,
): ActionHandle<A, T> {
  check(body, FUNCTION, "useAction", "body");
  const { throwOnError = false, ...actionOptions } = options ?? {};
  check(throwOnError, BOOLEAN, "useAction", "throwOnError");
  const [binding] = useState(
    () => new ActionBinding(body as ActionBinding["body"], actionOptions, throwOnError),
  );
  if (throwOnError) binding.tracked.add("error");
  const snapshot = useSyncExternalStore(
    binding.subscribe,
    binding.getSnapshot,
    binding.getServerSnapshot,
  );

  const { serverRender } = binding.groups;
  // After every commit: runs call the body of the last committed render, and an action made
  // later (remount) takes its options.
  useCommitEffect(
    () => {
      binding.body = body as ActionBinding["body"];
      binding.options = actionOptions;
      binding.throwOnError = throwOnError;
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: no deps list: runs after every commit
    undefined,
    serverRender,
  );
  useCommitEffect(() => binding.mount(), [binding], serverRender);

  // A form submission's failure reaches the boundary through React, from its promise.
  const failed = snapshot.lastFailed;
  if (throwOnError && snapshot.error !== undefined && failed && !binding.formRuns.has(failed))
    throw snapshot.error;
  const group = binding.groups.group;
  const handle = useMemo(() => makeHandle(binding, snapshot, group), [binding, snapshot, group]);
  return handle as unknown as ActionHandle<A, T>;
}

type Snapshot = ActionSnapshot<unknown[], unknown>;

/** A handle is a value (SPEC §4.1): every field answers from `snapshot`, tracked on first read. */
function makeHandle(binding: ActionBinding, snapshot: Snapshot, group: TaskGroup) {
  return binding.handle(snapshot, {
    group,
    run: binding.run,
    action: binding.submit,
    cancel: binding.cancel,
  });
}
