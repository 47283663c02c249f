/**
 * The `ioasid-check` entry point: parse, dispatch, set the exit code. Usage errors print the
 * usage hint and exit 2; nothing ends in a stack trace.
 */
import { match } from "ts-pattern";
import { parseRequest, UsageError } from "./args.js";
import { USAGE } from "./usage.js";
import { runSuites } from "./run-command.js";

const print = (s: string) => process.stdout.write(`${s}\n`);

const main = (argv: readonly string[]): number => {
  try {
    const req = parseRequest(argv);
    return match(req)
      .with({ kind: "help" }, () => {
        print(USAGE);
        return 0;
      })
      .with({ kind: "run" }, (r) => runSuites(r, print))
      .exhaustive();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`ioasid-check: ${e.message}\nRun 'ioasid-check --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`ioasid-check: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
};

process.exitCode = main(process.argv.slice(2));
