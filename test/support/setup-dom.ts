import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// RTL cleans up automatically only when Vitest globals are on; they are off here.
afterEach(() => {
  cleanup();
});
