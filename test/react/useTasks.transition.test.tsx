import { act, screen } from "@testing-library/react";
import * as React from "react";
import { Suspense, startTransition, useState } from "react";
import { readTask, type Task, useTasks } from "react-taskgroup";
import { describe, expect, it } from "vitest";
import { isReact19, mount } from "./helpers.js";

// React 19's `use`, looked up so the file still compiles against React 18's types at run time.
const use = (React as { use?: <T>(usable: PromiseLike<T>) => T }).use;

type Reader = (task: Task<string>) => string;

function Page({ id, read }: { id: string; read: Reader }) {
  const task = useTasks((group) => group.spawn(async () => `page ${id}`), [id]);
  return (
    <Suspense fallback={<p>loading</p>}>
      <Content task={task} read={read} />
    </Suspense>
  );
}

function Content({ task, read }: { task: Task<string>; read: Reader }) {
  return <p>{read(task)}</p>;
}

function App({ read }: { read: Reader }) {
  const [id, setId] = useState("1");
  return (
    <>
      <button type="button" onClick={() => startTransition(() => setId("2"))}>
        next
      </button>
      <Page id={id} read={read} />
    </>
  );
}

const readers: [string, Reader | undefined][] = [
  ["readTask", readTask],
  ["use(task)", use ? (task) => (use as NonNullable<typeof use>)(task) : undefined],
];

describe.each(readers)("useTasks deps changing in a transition, read with %s", (_, read) => {
  // A transition keeps the old content while the new render suspends, so that render cannot
  // commit until its tasks settle: they must start anyway, however the reader waits on them.
  it.runIf(read !== undefined && (isReact19 || read === readTask))(
    "starts the new tasks although their render cannot commit yet, and shows their value",
    async () => {
      const reader = read as Reader;
      await mount(<App read={reader} />);
      expect(await screen.findByText("page 1")).toBeInTheDocument();
      await act(async () => {
        screen.getByText("next").click();
      });
      // The old page stays while the transition waits, and the new one arrives without a hang.
      expect(await screen.findByText("page 2", {}, { timeout: 2000 })).toBeInTheDocument();
      expect(screen.queryByText("loading")).not.toBeInTheDocument();
    },
  );
});
