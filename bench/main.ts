/**
 * `npm run bench`: prints the benchmark tables. Each section is one bench module's rows.
 */
import { formatRows, runImplBench } from "./impl-throughput.js";

console.log("impl/ throughput (median of rounds; ratio = impl time per op / floor time per op)");
console.log(formatRows(runImplBench()));
