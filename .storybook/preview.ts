import type { Preview } from "@storybook/react-vite";
import { configure } from "storybook/test";

const preview: Preview = {
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
  tags: ["autodocs"],
  // Runs after the React renderer's own beforeAll, which wraps every simulated event in a
  // synchronous act(). These stories suspend on purpose (a click that starts loading shows a
  // Suspense fallback), and React 19 warns when a component suspends inside a synchronous act
  // scope. So events are dispatched as a real browser does, outside act; the play functions wait
  // for outcomes with findBy*/waitFor instead.
  beforeAll() {
    configure({ eventWrapper: (dispatch) => dispatch() });
  },
};
export default preview;
