// A Server Component rendering a grouped error: `instanceof` holds through the main entry.
import { TaskGroup, TaskGroupError } from "react-taskgroup";
import { failing } from "../../lib/api";

export const dynamic = "force-dynamic";

export default async function ServerErrorPage() {
  try {
    await TaskGroup.run(
      (group) => {
        group.spawn((signal) => failing("users are down", 50, signal), { name: "users" });
        group.spawn((signal) => failing("posts are down", 100, signal), { name: "posts" });
      },
      { name: "load", failFast: false },
    );
    return <p>no error?</p>;
  } catch (error) {
    if (!(error instanceof TaskGroupError)) throw error;
    return (
      <section role="alert">
        <h1>Grouped error</h1>
        <p data-testid="group-message">{error.message}</p>
        <ul>
          {error.errors.map((leaf, i) => (
            <li key={String(i)}>
              {error.tasks[i]?.name}: {(leaf as Error).message}
            </li>
          ))}
        </ul>
      </section>
    );
  }
}
