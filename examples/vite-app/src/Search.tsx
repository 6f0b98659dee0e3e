// Search as you type: restart abandons the stale request; a debounce a newer keystroke cancels.
import { sleep, useAction } from "react-taskgroup";
import { request } from "./api";

export function Search() {
  const search = useAction(
    async (scope, query: string) => {
      await sleep(100, scope.signal);
      return request(`results for ${query}`, 100, scope.signal, `search ${query}`);
    },
    { policy: "restart" },
  );
  return (
    <div>
      <input aria-label="search" onChange={(event) => search.run(event.target.value)} />
      <p data-testid="search-result">{search.value ?? "nothing yet"}</p>
      <p data-testid="search-runs">
        runs={search.runs} running={search.running}
      </p>
    </div>
  );
}
