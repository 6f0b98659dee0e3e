// A flaky request retried with a short fixed delay: fails twice, then answers.
import { useRef } from "react";
import { useAction } from "react-taskgroup";
import { request } from "./api";

export function Retry() {
  const calls = useRef(0);
  const load = useAction(
    async (scope) => {
      calls.current += 1;
      const value = await request(calls.current, 30, scope.signal);
      if (value < 3) throw new Error(`attempt ${value} failed`);
      return `loaded on attempt ${value}`;
    },
    { retry: { retries: 3, delay: 20 } },
  );
  return (
    <div>
      <button type="button" onClick={() => load.run()}>
        load flaky
      </button>
      <p data-testid="retry-result">
        {load.value ?? "not yet"}; attempts={load.last?.attempts ?? 0}
      </p>
    </div>
  );
}
