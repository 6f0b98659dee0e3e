import { Dashboard } from "./Dashboard";
import { GroupedErrors } from "./GroupedErrors";
import { HandleInChild } from "./HandleInChild";
import { Retry } from "./Retry";
import { Search } from "./Search";
import { SubmitOnce } from "./SubmitOnce";
import { Unmount } from "./Unmount";

/** Every scenario on one page, each in its own section, driven by scripts/test-vite.mjs. */
export function App() {
  return (
    <main>
      <h1>react-taskgroup in a Vite app</h1>
      <section aria-label="dashboard">
        <Dashboard />
      </section>
      <section aria-label="search">
        <Search />
      </section>
      <section aria-label="submit once">
        <SubmitOnce />
      </section>
      <section aria-label="grouped errors">
        <GroupedErrors />
      </section>
      <section aria-label="unmount">
        <Unmount />
      </section>
      <section aria-label="handle in child">
        <HandleInChild />
      </section>
      <section aria-label="retry">
        <Retry />
      </section>
    </main>
  );
}
