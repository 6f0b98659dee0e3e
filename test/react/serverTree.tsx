/** A page using every binding, for the server rendering tests. */
import { Suspense } from "react";
import {
  readTask,
  readTasks,
  type Task,
  TaskGroupBoundary,
  useTaskGroup,
  useTasks,
} from "react-taskgroup";

/** Names of task functions that ran: on the server, none may. */
export const started: string[] = [];

function record<T>(name: string, value: T) {
  return () => {
    started.push(name);
    return value;
  };
}

function User({ task }: { task: Task<string> }) {
  return <p>{readTask(task)}</p>;
}

function Both({ tasks }: { tasks: readonly [Task<string>, Task<number>] }) {
  const [name, age] = readTasks(tasks);
  return (
    <p>
      {name} {age}
    </p>
  );
}

export function Page({ spawnInRender = true }: { spawnInRender?: boolean }) {
  const { spawn, status, running, queued } = useTaskGroup({ timeout: 1000, limit: 2 });
  const tasks = useTasks(
    (group) => ({
      user: group.spawn(record("user", "ada")),
      age: group.spawn(record("age", 36)),
    }),
    [],
  );
  // Spawning during render is unusual, but must not run on the server either: it is held until
  // a commit that never comes.
  if (spawnInRender) spawn(record("spawned in render", 1));
  return (
    <TaskGroupBoundary>
      <p>
        {status} running={running} queued={queued}
      </p>
      <Suspense fallback={<p>loading</p>}>
        <User task={tasks.user} />
      </Suspense>
      <Suspense fallback={<p>loading both</p>}>
        <Both tasks={[tasks.user, tasks.age]} />
      </Suspense>
    </TaskGroupBoundary>
  );
}
