// Prerendered at build time: the HTML holds the Suspense fallback, the browser the content.
import { Dashboard } from "./Dashboard";

export default function DashboardPage() {
  return (
    <section>
      <h1>Dashboard</h1>
      <Dashboard userId="ada" />
    </section>
  );
}
