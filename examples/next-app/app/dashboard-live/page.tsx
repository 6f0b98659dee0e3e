// The same dashboard, rendered at request time (streamed).
import { Dashboard } from "../dashboard/Dashboard";

export const dynamic = "force-dynamic";

export default function LiveDashboardPage() {
  return (
    <section>
      <h1>Dashboard at request time</h1>
      <Dashboard userId="grace" />
    </section>
  );
}
