/**
 * `ioasid-check validate`: run the suites against a user's implementation — a JavaScript module
 * (--impl), a process in any language (--exec), or a kernel C file built with the kit
 * (--kernel-c, run as a process) — or run the gallery of broken variants (--mutants); with
 * --html, write the HTML report. Exit 0 pass, 1 counterexample, 2 unusable input.
 */
import { ModuleSession } from "../targets/module/module-session.js";
import { ExecSession } from "../targets/exec/index.js";
import { buildKernelC } from "../targets/kernel-c/index.js";
import { runGallery } from "../gallery/run-gallery.js";
import { formatScorecard, judgeGoals } from "../gallery/scorecard.js";
import { validateCore } from "../targets/validate.js";
import type { ValidationReport } from "../targets/validate.js";
import { formatFailure, formatCoverage } from "../properties/core/report.js";
import type { Request } from "./args.js";
import type { IoasidCore } from "../api/core.js";
import { replayLine, validateReport } from "../report/index.js";
import { commandLine, writeHtmlReport } from "./html-report.js";

type ValidateRequest = Extract<Request, { kind: "validate" }>;

/** The replay line of the core suite's failure, as printed. */
const CORE_REPLAY_HINT = "npx ioasid-check validate --suite core";

const printReport = (who: string, r: ValidationReport, json: boolean, print: (s: string) => void): number => {
  const coreOk = r.core === null || r.core.failure === null;
  const systemOk = r.system === null || r.system.failure === null;
  if (json) {
    print(JSON.stringify({
      implementation: who,
      core: r.core === null ? null : { runs: r.core.runs, commands: r.core.commands, seed: r.core.seed, passed: r.core.failure === null, failure: r.core.failure },
      system: r.system === null ? null : { runs: r.system.runs, commands: r.system.commands, seed: r.system.seed, passed: r.system.failure === null, failure: r.system.failure },
    }, null, 2));
  } else {
    if (r.core !== null) {
      print(`core suite on ${who}: ${r.core.failure === null ? "passed" : "COUNTEREXAMPLE"} — ${r.core.runs} runs, ${r.core.commands} commands, seed ${r.core.seed}`);
      print(formatCoverage({ coverage: r.core.coverage, missing: r.core.missing }));
      if (r.core.failure !== null) print(formatFailure(r.core.failure, CORE_REPLAY_HINT));
    }
    if (r.system !== null) {
      print(`system suite on ${who}: ${r.system.failure === null ? "passed" : "COUNTEREXAMPLE"} — ${r.system.runs} runs, ${r.system.commands} commands, seed ${r.system.seed}`);
      if (r.system.failure !== null) {
        const f = r.system.failure;
        print(f.commands.map((c, i) => `${i === f.failedStep ? ">>" : "  "} ${String(i + 1).padStart(2)}. ${JSON.stringify(c)}`).join("\n"));
        print(`   ${f.detail}`);
      }
    }
  }
  return coreOk && systemOk ? 0 : 1;
};

export const validateCommand = async (req: ValidateRequest, print: (s: string) => void): Promise<number> => {
  const opts = { suites: req.suites, ...(req.runs === undefined ? {} : { runs: req.runs }), ...(req.seed === undefined ? {} : { seed: req.seed }) };
  const t = req.target;
  if (t.kind === "mutants") {
    const rows = runGallery(req.seed === undefined ? {} : { seeds: [req.seed] });
    if (req.json) print(JSON.stringify({ rows, goals: judgeGoals(rows) }, null, 2));
    else print(formatScorecard(rows));
    return judgeGoals(rows).every((g) => g.pass) ? 0 : 1;
  }
  const started = performance.now();
  const finish = (who: string, make: (c: { readonly capacity: number }) => IoasidCore): number => {
    const report = validateCore(make, opts);
    const code = printReport(who, report, req.json, print);
    if (req.html === undefined) return code;
    const core = report.core?.failure ?? null;
    const replay = { core: core === null ? [] : [replayLine(formatFailure(core, CORE_REPLAY_HINT)) ?? ""].filter((l) => l !== ""), system: [] };
    const data = validateReport({ command: commandLine(process.argv.slice(2)), who, ms: performance.now() - started, report, replay, makeCore: make });
    return writeHtmlReport(req.html, data, code, print, req.json);
  };
  if (t.kind === "module") {
    const module = ModuleSession.open(t.path, { timeoutMs: t.timeoutMs });
    try {
      return finish(t.path, module.factory());
    } finally {
      module.close();
    }
  }
  const target = t.kind === "kernel-c" ? { who: t.file, command: buildKernelC(t).binary, args: [] } : { who: [t.command, ...t.args].join(" "), command: t.command, args: t.args };
  const session = new ExecSession(target.command, target.args, { timeoutMs: t.timeoutMs });
  try {
    return finish(target.who, session.factory({ capacity: 24 }));
  } finally {
    session.close();
  }
};
