// Two requests fail: the boundary's default fallback lists both; Retry remounts a fresh group.
import { TaskGroupBoundary, useTaskGroup } from "react-taskgroup";

/** One outage that both requests hit: they fail in the same turn, before the boundary shows. */
async function outage(what: string, down: Promise<void>, signal: AbortSignal): Promise<never> {
  const abort = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  await Promise.race([down, abort]);
  throw new Error(`${what} are down`);
}

function Loader() {
  const { spawn, status } = useTaskGroup({ name: "report", failFast: false });
  const load = () => {
    const down = new Promise<void>((resolve) => setTimeout(resolve, 50));
    spawn((signal) => outage("users", down, signal), { name: "users" });
    spawn((signal) => outage("posts", down, signal), { name: "posts" });
  };
  return (
    <button type="button" onClick={load} data-testid="errors-load">
      load ({status})
    </button>
  );
}

export function GroupedErrors() {
  return (
    <TaskGroupBoundary>
      <Loader />
    </TaskGroupBoundary>
  );
}
