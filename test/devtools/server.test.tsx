// @vitest-environment node
import { renderToString } from "react-dom/server";
import { TaskGroup } from "react-taskgroup/core";
import { TaskGroupTimeline } from "react-taskgroup/devtools";
import { expect, it } from "vitest";

it("renders on the server without observing anything or warning", () => {
  const group = new TaskGroup({ name: "ssr" });
  const subscribe = group.subscribe.bind(group);
  let subscribed = 0;
  group.subscribe = (listener) => {
    subscribed++;
    return subscribe(listener);
  };
  const html = renderToString(<TaskGroupTimeline group={group} label="Server" />);
  expect(html).toContain("Server");
  expect(html).toContain("No tasks yet");
  expect(subscribed).toBe(0);
});
