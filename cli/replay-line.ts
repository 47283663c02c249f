/**
 * The replay command printed beside a counterexample of `validate`: the same target, the one
 * suite, the seed and the path, quoted so that a POSIX shell (or `splitCommand`) gives the words
 * back verbatim.
 */
import { match } from "ts-pattern";
import type { Request } from "./args.js";

type ValidateTarget = Extract<Request, { kind: "validate" }>["target"];

/** A word as a shell reads it back: bare when safe, else single-quoted. */
export const shellWord = (w: string): string => (/^[A-Za-z0-9_./:=+@%,~-]+$/.test(w) ? w : `'${w.replace(/'/g, `'"'"'`)}'`);

const DEFAULT_TIMEOUT_MS = 5000;

/** The target's options, as words. */
const targetWords = (t: ValidateTarget): readonly string[] => {
  const timeout = (ms: number) => (ms === DEFAULT_TIMEOUT_MS ? [] : ["--timeout", String(ms)]);
  return match(t)
    .with({ kind: "module" }, (m) => ["--impl", m.path])
    .with({ kind: "exec" }, (e) => ["--exec", [e.command, ...e.args].map(shellWord).join(" "), ...timeout(e.timeoutMs)])
    .with({ kind: "kernel-c" }, (k) => ["--kernel-c", k.file, ...(k.cflags.length === 0 ? [] : [`--cflags=${k.cflags.join(" ")}`]), ...timeout(k.timeoutMs)])
    .with({ kind: "mutants" }, () => ["--mutants"])
    .exhaustive();
};

/** The replay line of a validate counterexample (without the `--seed`/`--path` part: see `withCase`). */
export const validateReplayHint = (t: ValidateTarget, suite: "core" | "system"): string =>
  ["npx", "ioasid-check", "validate", ...targetWords(t), "--suite", suite].map(shellWord).join(" ");

/** A hint with the case: `--seed S --path P`. */
export const withCase = (hint: string, seed: number, path: string): string => `${hint} --seed ${seed} --path ${shellWord(path)}`;
