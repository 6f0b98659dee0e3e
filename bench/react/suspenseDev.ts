/**
 * Child-process entry of case 3's overhead measurement: React's development build (the only one
 * with `act`). `index.ts` starts it with `NODE_ENV=development` and reads the rows it prints as
 * JSON on its last line.
 */
import "./dom.js";

const { runSuspenseOverhead } = await import("./suspense.js");
const rows = await runSuspenseOverhead((line) => console.log(line));
console.log(`ROWS ${JSON.stringify(rows)}`);
process.exit(0);
