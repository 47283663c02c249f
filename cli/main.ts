/**
 * The `ioasid-check` entry point: the command line (cli-main.ts) on this process's argv, stdout
 * and stderr. A reader that closes stdout early (`ioasid-check ... | head`) ends the output
 * quietly, never with an EPIPE stack trace.
 */
import { cliMain } from "./cli-main.js";

let stdoutClosed = false;
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  stdoutClosed = true;
});

process.exitCode = await cliMain(process.argv.slice(2), {
  print: (s) => {
    if (!stdoutClosed) process.stdout.write(`${s}\n`);
  },
  error: (s) => {
    process.stderr.write(`${s}\n`);
  },
});
