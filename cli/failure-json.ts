/**
 * The one JSON shape of a counterexample, for every suite and command (`run`, `merge` and
 * `validate` with --json): `{ seed, path, failedStep, commands, detail, replay }`. `detail` is
 * the failure in words (core: `<kind>: <divergence>`; system: the violated property's message),
 * `failedStep` is 0-based (the number of commands for the end-of-run leak check), and `replay`
 * the command line that reproduces it (null where the written finding is the way to replay it:
 * `validate`, see its `written`).
 */

/** What every suite's failure carries. */
export interface FailureData {
  readonly seed: number;
  readonly path: string;
  readonly commands: readonly unknown[];
  readonly failedStep: number;
  readonly detail: string;
}

/** The JSON form of a counterexample. */
export const failureJson = (f: FailureData, replay: string | null) => ({
  seed: f.seed, path: f.path, failedStep: f.failedStep, commands: f.commands, detail: f.detail, replay,
});

/** The replay command in a printed failure (its `replay:` line), or null. */
export const replayIn = (failureText: string): string | null => /^replay: (.*)$/m.exec(failureText)?.[1] ?? null;
