import { recordRejection } from "./guard.js";

process.on("unhandledRejection", recordRejection);
