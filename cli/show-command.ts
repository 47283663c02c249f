/**
 * `ioasid-check show FILE`: render a trace as a table, a Mermaid sequence diagram, or JSON.
 */
import { readTrace } from "../counterexamples/store.js";
import { showTrace } from "../counterexamples/show/index.js";

export const showCommand = (file: string, format: "table" | "mermaid" | "json", print: (s: string) => void): number => {
  print(showTrace(readTrace(file), format, { color: format === "table" && process.stdout.isTTY === true }));
  return 0;
};
