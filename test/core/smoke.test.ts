import { TaskGroup } from "react-taskgroup/core";
import { expect, it } from "vitest";

it("runs a body and its tasks to completion", async () => {
  const value = await TaskGroup.run(async (group) => {
    const a = group.spawn(async () => 1);
    const b = group.spawn(() => 2);
    return (await a) + (await b);
  });
  expect(value).toBe(3);
});
