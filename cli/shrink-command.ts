/**
 * `ioasid-check shrink FILE`: minimize a failing trace (no generator context needed) on the core
 * it names (rebuilt from the trace), or on the core of --impl, --exec or --kernel-c, and write it
 * next to the original (or to --out). The written trace names the core it was shrunk on, with
 * its paths relative to the folder it is written to.
 */
import { readTrace, writeTrace } from "../counterexamples/store.js";
import { shrinkTrace } from "../counterexamples/shrink/index.js";
import { basename, dirname } from "node:path";
import { UsageError } from "./args.js";
import type { Request } from "./args.js";
import { coreForTrace, openOverride, retarget } from "./core-target.js";

type ShrinkRequest = Extract<Request, { kind: "shrink" }>;

export const shrinkCommand = async (req: ShrinkRequest, print: (s: string) => void): Promise<number> => {
  const { file, out, json } = req;
  const trace = readTrace(file);
  const override = await openOverride(req.core);
  const core = await coreForTrace(trace, file, override, req.timeoutMs);
  try {
    const r = shrinkTrace(trace, core.make === undefined ? {} : { core: core.make });
    if (!r.ok) throw new UsageError(`${file}: ${r.error}${override === null ? "" : ` (on ${core.who})`}`);
    const target = out ?? file.replace(/\.json$/, "") + ".shrunk.json";
    const written = writeTrace(dirname(target), basename(target), retarget(r.trace, core, dirname(target)));
    if (json) print(JSON.stringify({ file, written, implementation: core.who, before: r.before, after: r.after, replays: r.replays }, null, 2));
    else print(`${file}: ${r.before} -> ${r.after} steps (${r.replays} replays${core.target === null ? "" : ` on ${core.who}`}), same failure class; written to ${written}`);
    return 0;
  } finally {
    core.close();
    override?.opened.close();
  }
};
