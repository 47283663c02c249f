/**
 * Progress while chunks run: a redrawn bar on a terminal, one plain line per chunk otherwise.
 * Written to stderr, so `--json` output on stdout stays clean.
 */
import type { ChunkResult } from "./chunk-result.js";

export interface Progress {
  chunkDone(r: ChunkResult, done: number, total: number): void;
  finish(): void;
}

/** A progress reporter for `stream` (a bar when it is a TTY). */
export const progressFor = (stream: NodeJS.WriteStream): Progress => {
  if (stream.isTTY) {
    let drawn = false;
    return {
      chunkDone: (r, done, total) => {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} chunks  ${r.suite}${r.failure === null ? "" : "  counterexample!"}   `);
        drawn = true;
      },
      finish: () => {
        if (drawn) stream.write("\n");
      },
    };
  }
  return {
    chunkDone: (r, done, total) => {
      stream.write(`chunk ${done}/${total}: ${r.suite} #${r.index + 1} ${r.runs} runs, ${r.commands} commands, ${r.failure === null ? "ok" : "counterexample"}\n`);
    },
    finish: () => undefined,
  };
};
