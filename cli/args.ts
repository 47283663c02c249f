/**
 * Command-line parsing: argv into a typed request, or a usage error naming what is wrong.
 */
import { parseArgs } from "node:util";
import { SUITES } from "../properties/suites.js";

/** A parsed request. */
export type Request =
  | { readonly kind: "help" }
  | { readonly kind: "run"; readonly suites: readonly string[]; readonly runs?: number; readonly seed?: number; readonly path?: string; readonly json: boolean };

/** A usage error: the message says what is wrong. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const integer = (name: string, text: string | undefined, min: number): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} expects an integer >= ${min}, got "${text}"`);
  return n;
};

/** Parse argv (without node and the script). */
export const parseRequest = (argv: readonly string[]): Request => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        suite: { type: "string", multiple: true }, runs: { type: "string" }, seed: { type: "string" },
        path: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0) return { kind: "help" };
  const [command, ...rest] = positionals;
  if (command !== "run") throw new UsageError(`unknown command "${command ?? ""}"`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest.join(" ")}"`);
  const known = SUITES.map((s) => s.name);
  const suites = values.suite ?? known;
  for (const s of suites) if (!known.includes(s)) throw new UsageError(`unknown suite "${s}" (suites: ${known.join(", ")})`);
  const runs = integer("runs", values.runs, 1);
  const seed = integer("seed", values.seed, -(2 ** 31));
  return {
    kind: "run", suites, json: values.json === true,
    ...(runs === undefined ? {} : { runs }),
    ...(seed === undefined ? {} : { seed }),
    ...(values.path === undefined ? {} : { path: values.path }),
  };
};
