import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks #root");
// React 19 logs every error a boundary catches with console.error; an app that shows its errors
// in boundaries says so once, here (the check fails on any console error).
createRoot(root, {
  onCaughtError: (error) => console.info("shown by a boundary:", String(error)),
}).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
