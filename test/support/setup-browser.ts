import { recordRejection } from "./guard.js";

window.addEventListener("unhandledrejection", (event) => recordRejection(event.reason));
