// The case React Compiler broke before handles were values: the owner spawns three tasks and
// reads no field; a memoized child given the handle must show every one settled.
import { memo } from "react";
import { type TaskGroupHandle, useTaskGroup } from "react-taskgroup";
import { request } from "./api";

const Progress = memo(function Progress({ tasks }: { tasks: TaskGroupHandle }) {
  return (
    <p data-testid="child-progress">
      settled={tasks.settled} running={tasks.running} status={tasks.status}
    </p>
  );
});

export function HandleInChild() {
  const tasks = useTaskGroup();
  const start = () => {
    for (const ms of [50, 80, 110]) tasks.spawn((signal) => request(ms, ms, signal));
  };
  return (
    <div>
      <button type="button" onClick={start}>
        start three
      </button>
      <Progress tasks={tasks} />
    </div>
  );
}
