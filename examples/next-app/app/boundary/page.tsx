// TaskGroupBoundary rendered from a Server Component, around client children.
import { TaskGroupBoundary } from "react-taskgroup";
import { Counter } from "./Counter";

export default function BoundaryPage() {
  return (
    <section>
      <h1>Boundary</h1>
      <TaskGroupBoundary fallback={<p>something failed</p>}>
        <Counter />
      </TaskGroupBoundary>
    </section>
  );
}
