// A Server Component using the engine from the main entry: two requests in parallel.
import { TaskGroup } from "react-taskgroup";
import { request } from "../../lib/api";

export const dynamic = "force-dynamic";

export default async function ServerPage() {
  // Counts requests in flight, to show (without timing anything) that both ran at once.
  let inFlight = 0;
  let most = 0;
  const load = async <T,>(value: T, signal: AbortSignal) => {
    most = Math.max(most, ++inFlight);
    try {
      return await request(value, 400, signal);
    } finally {
      inFlight--;
    }
  };
  const [user, posts] = await TaskGroup.run(async (group) => {
    const user = group.spawn((signal) => load("ada", signal), { name: "user" });
    const posts = group.spawn((signal) => load(3, signal), { name: "posts" });
    return [await user, await posts] as const;
  });
  return (
    <section>
      <h1>Server Component</h1>
      <p data-testid="server-result">
        {user} has {posts} posts
      </p>
      <p data-testid="server-parallel">{most === 2 ? "parallel" : "one at a time"}</p>
    </section>
  );
}
