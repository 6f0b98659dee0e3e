import { useMemo, useState, useSyncExternalStore } from "react";
import type { TaskGroupSnapshot } from "../core/types.js";
import { GroupBinding } from "./GroupBinding.js";
import type { TrackedStore } from "./TrackedStore.js";
import type { TaskGroupHandle, UseTaskGroupOptions } from "./types.js";
import { useCommitEffect } from "./useCommitEffect.js";

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
  const { throwOnError = true, ...groupOptions } = options ?? {};
  const [binding] = useState(() => new GroupBinding(groupOptions));
  if (throwOnError) binding.tracked.add("error");
  const snapshot = useSyncExternalStore(
    binding.subscribe,
    binding.getSnapshot,
    binding.getServerSnapshot,
  );

  const { serverRender } = binding;
  // After every commit, on purpose: a group made later (reset, remount) takes the options of the
  // last committed render.
  useCommitEffect(
    () => {
      binding.options = groupOptions;
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: no deps list: runs after every commit
    undefined,
    serverRender,
  );
  useCommitEffect(() => binding.mount(), [binding], serverRender);

  if (throwOnError && snapshot.error) throw snapshot.error;
  // The group is part of the handle so that a reset (a new group) gives a new handle.
  const group = binding.group;
  return useMemo(() => makeHandle(binding, snapshot, group), [binding, snapshot, group]);
}

/**
 * A handle is a value (SPEC §4.1): every field answers from `snapshot`, the group's full snapshot
 * when this render read it, so reading a field twice, or first after an early return, or only in
 * a child, gives the same current value. Reading a field tracks it (see {@link TrackedStore}).
 */
function makeHandle(
  binding: GroupBinding,
  snapshot: TaskGroupSnapshot,
  group: GroupBinding["group"],
): TaskGroupHandle {
  const read = <K extends keyof TaskGroupSnapshot>(field: K): TaskGroupSnapshot[K] =>
    binding.read(snapshot, field);
  return {
    group,
    spawn: binding.spawn,
    run: binding.run,
    cancel: binding.cancel,
    reset: binding.reset,
    get status() {
      return read("status");
    },
    get running() {
      return read("running");
    },
    get queued() {
      return read("queued");
    },
    get settled() {
      return read("settled");
    },
    get error() {
      return read("error");
    },
  };
}
