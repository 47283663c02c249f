/**
 * `npm run bench`: prints the benchmark tables, one section per bench module, each under a short
 * header line.
 */
import { formatRows, runImplBench } from "./impl-throughput.js";
import { formatSuiteRows, runSuiteBench } from "./suite-throughput.js";

console.log("== impl/ throughput: optimized core vs. a bare Map of the same size (median of rounds; impl/floor = time per case / time per floor case)");
console.log(formatRows(runImplBench()));
console.log("");
console.log("== conformance-suite throughput: checked commands per second, vs. fast-check's own runner on a trivial model");
console.log(formatSuiteRows(runSuiteBench()));
