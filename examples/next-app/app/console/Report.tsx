"use client";
// Logs a grouped error to the browser console (console.log, not an error), so the test can read
// what Chromium prints for it: the message must be there, not just the name.
import { useEffect, useState } from "react";
import { TaskGroup } from "react-taskgroup";

export function Report() {
  const [done, setDone] = useState(false);
  useEffect(() => {
    TaskGroup.run(
      (group) => {
        group.spawn(() => {
          throw new Error("first failure");
        });
        group.spawn(() => Promise.reject(new Error("second failure")));
      },
      { name: "console", failFast: false },
    ).catch((error: unknown) => {
      console.log(error);
      setDone(true);
    });
  }, []);
  return <p data-testid="console">{done ? "logged" : "running"}</p>;
}
