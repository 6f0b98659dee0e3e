// Unmounting a component aborts its running task: the request sees its signal abort.
import { useEffect, useState } from "react";
import { useTaskGroup } from "react-taskgroup";
import { request } from "./api";

function SlowPanel({ onAbort }: { onAbort: () => void }) {
  const { spawn, running } = useTaskGroup();
  useEffect(() => {
    spawn((signal) => {
      signal.addEventListener("abort", onAbort, { once: true });
      return request("slow", 60_000, signal, "slow panel");
    });
  }, [spawn, onAbort]);
  return <p data-testid="unmount-running">running={running}</p>;
}

export function Unmount() {
  const [shown, setShown] = useState(true);
  const [aborts, setAborts] = useState(0);
  const [onAbort] = useState(() => () => setAborts((n) => n + 1));
  return (
    <div>
      <button type="button" onClick={() => setShown((s) => !s)}>
        {shown ? "hide" : "show"}
      </button>
      {shown && <SlowPanel onAbort={onAbort} />}
      <p data-testid="unmount-aborts">aborted={aborts}</p>
    </div>
  );
}
