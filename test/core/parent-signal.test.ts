import { CancelledError, InvalidStateError, TaskGroup, TaskGroupError } from "react-taskgroup/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, untilAborted } from "./helpers.js";

describe("parent signal", () => {
  it("cancels the group when it aborts", async () => {
    const parent = new AbortController();
    const group = new TaskGroup({ signal: parent.signal });
    const task = group.spawn(untilAborted);
    parent.abort("parent gone");
    expect(group.signal.aborted).toBe(true);
    const error = (await rejectionOf(group.join())) as CancelledError;
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.cause).toBe("parent gone");
    expect(task.cancelled).toBe(true);
    expect(group.getSnapshot().status).toBe("cancelled");
  });

  it("starts cancelled when the parent has already aborted", async () => {
    // As in Python, the body still runs: it sees the aborted signal and what it spawns is refused,
    // which is part of the cancellation, not a failure.
    let sawAborted: boolean | undefined;
    const error = (await rejectionOf(
      TaskGroup.run(
        (group) => {
          sawAborted = group.signal.aborted;
          group.spawn(() => 1);
        },
        { signal: AbortSignal.abort("before") },
      ),
    )) as CancelledError;
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.cause).toBe("before");
    expect(sawAborted).toBe(true);
    const group = new TaskGroup({ signal: AbortSignal.abort("before") });
    expect(group.signal.aborted).toBe(true);
    expect(group.getSnapshot().status).toBe("cancelled");
    expect(() => group.spawn(() => 1)).toThrow(InvalidStateError);
    await rejectionOf(group.join());
  });

  it("lets failures win over the parent's abort", async () => {
    const parent = new AbortController();
    const group = new TaskGroup({ signal: parent.signal });
    group.spawn(async (signal) => {
      await untilAborted(signal).catch(() => undefined);
      throw new Error("cleanup");
    });
    parent.abort();
    expect(await rejectionOf(group.join())).toBeInstanceOf(TaskGroupError);
  });
});
