import { useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { TaskGroup } from "../core/TaskGroup.js";
import type { TaskGroupSnapshot } from "../core/types.js";
import { GroupBinding } from "./GroupBinding.js";
import type { TrackedStore } from "./TrackedStore.js";
import type { TaskGroupHandle, UseTaskGroupOptions } from "./types.js";

/**
 * Binds a {@link TaskGroup} to the component: tasks spawned through it are cancelled when the
 * component unmounts, and the handle's fields (`status`, `running`, `queued`, `settled`,
 * `error`) re-render the component when they change — but only the fields it read during render,
 * and at most twice per macrotask turn however many tasks settle.
 *
 * With `throwOnError` (the default), the first failure of a spawned task throws the group's
 * `TaskGroupError` to the nearest error boundary, even when the task was spawned from an event
 * handler. Errors of `run()` child scopes only reject their promise.
 *
 * Options are read when a group is created: at mount, `reset()` and remount.
 *
 * @example
 * ```tsx
 * function Save({ draft }: { draft: Draft }) {
 *   const { spawn, running } = useTaskGroup();
 *   const save = () => {
 *     spawn((signal) => api.saveProfile(draft.profile, { signal }), { name: "profile" });
 *     spawn((signal) => api.uploadAvatar(draft.avatar, { signal }), { name: "avatar" });
 *   };
 *   return <button onClick={save} disabled={running > 0}>Save</button>;
 * }
 * ```
 */
export function useTaskGroup(options?: UseTaskGroupOptions): TaskGroupHandle {
  const throwOnError = options?.throwOnError ?? true;
  const [binding] = useState(() => new GroupBinding(options));
  // Read only when a group is made, later (first use, reset, remount). Set here rather than in an
  // effect so that an idle component pays for one effect, not two; a render React throws away
  // can only leave options that no group has used yet. Passed on whole (no copy without
  // `throwOnError` per render): the group reads only its own keys.
  binding.options = options;
  if (throwOnError) binding.tracked.add("error");
  const snapshot = useSyncExternalStore(
    binding.subscribe,
    binding.getSnapshot,
    binding.getServerSnapshot,
  );
  // As useCommitEffect, without its state: serverRender is settled by the first render (React asks
  // for the server snapshot then, or never), so the same hook is called on every render.
  const useCommit = binding.serverRender ? useEffect : useLayoutEffect;
  useCommit(() => binding.mount(), [binding]);

  if (throwOnError && snapshot.error) throw snapshot.error;
  // The slot changes with the generation: a reset or remount gives a new handle even before a
  // new group (and so a new snapshot) exists.
  const { slot } = binding;
  return useMemo(() => makeHandle(binding, snapshot, slot), [binding, snapshot, slot]);
}

/**
 * A handle is a value (SPEC §4.1): every field answers from `snapshot`, the group's full snapshot
 * when this render read it, so reading a field twice, or first after an early return, or only in
 * a child, gives the same current value (see {@link TrackedStore.handle}). `group` is the group of
 * the handle's generation, made when first read; a new snapshot (a new group included) makes a new
 * handle.
 */
function makeHandle(
  binding: GroupBinding,
  snapshot: TaskGroupSnapshot,
  slot: GroupBinding["slot"],
): TaskGroupHandle {
  const extras: Omit<TaskGroupHandle, keyof TaskGroupSnapshot> = {
    group: undefined as unknown as TaskGroup,
    spawn: binding.spawn,
    run: binding.run,
    cancel: binding.cancel,
    reset: binding.reset,
  };
  return binding.handle(snapshot, extras, { group: () => binding.groupOf(slot) });
}
