/**
 * Quotas and capacity as the host administrator sees them, and the property that the core and
 * the drivers honour them.
 *
 * Rules:
 *  1. A set holds the live IDs (ALLOCATED or FREE_PENDING) the core says belong to it, among the
 *     IDs anything in the system knows (checks.ts `knownPasids`): an ID nothing knows is a leak,
 *     which the leak check reports.
 *  2. The room left is the capacity minus the quotas granted (hw-model/system/grants.ts) to
 *     every set not yet destroyed. A released set is destroyed once it holds no ID; until then
 *     its quota stays reserved.
 *  3. What a quota-bound command must answer, judged before it runs, in the spec's check order
 *     (D18, D7): a guest's vcmd_alloc succeeds exactly while its set holds fewer IDs than its
 *     grant (EDQUOT otherwise); vm_create and the set of a process's open succeed exactly when
 *     the quota fits the room left (ENOSPC otherwise); adjust_quota answers EINVAL below 1,
 *     EBUSY below the IDs held, ENOSPC when the growth exceeds the room left, else succeeds.
 *  4. The property holds when each such command answers what rule 3 expects; a refusal without
 *     an errno (a core whose API cannot say why, D30) answers any expected refusal.
 */
import { SYSTEM_CAPACITY } from "../../api/constants.js";
import type { CallResult } from "../../api/result.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { StepRecord, System } from "../../hw-model/system/system.js";
import { VM_QUOTA } from "../../hw-model/system/system.js";
import { PROC_QUOTA } from "../../hw-model/drivers/native-process.js";
import { SystemViolation } from "./violation.js";

/** Rules 1 and 2: the quota picture of one system. */
export interface QuotaView {
  /** IDs held per set (rule 1). */
  readonly held: (set: number) => number;
  /** The quota granted to a set, if the host granted one. */
  readonly granted: (set: number) => number | undefined;
  /** Rule 2. */
  readonly room: number;
}

/** Rules 1 and 2 over the IDs in `known`. */
export const quotaView = (sys: System, known: ReadonlySet<number>, capacity: number = SYSTEM_CAPACITY): QuotaView => {
  const counts = new Map<number, number>();
  for (const id of known) {
    const v = sys.core.inspectId(id);
    if (v !== null) counts.set(v.set, (counts.get(v.set) ?? 0) + 1);
  }
  const held = (set: number): number => counts.get(set) ?? 0;
  let reserved = 0;
  for (const [set, g] of sys.grants.entries()) if (!g.released || held(set) > 0) reserved += g.quota;
  return { held, granted: (set) => sys.grants.get(set)?.quota ?? undefined, room: capacity - reserved };
};

/** What a command must answer (rule 3): "ok" or an errno. */
export type QuotaExpectation = { readonly command: SystemCommand; readonly expect: string; readonly why: string };

const fits = (quota: number, room: number, what: string): { readonly expect: string; readonly why: string } =>
  !Number.isInteger(quota) || quota < 1 ? { expect: "EINVAL", why: `${what} ${quota} is not a quota` }
  : quota <= room ? { expect: "ok", why: `${what} ${quota} fits the ${room} left` }
  : { expect: "ENOSPC", why: `${what} ${quota} exceeds the ${room} left` };

/** Rule 3, before `c` runs; null when `c` is not quota-bound in this state. */
export const expectQuota = (sys: System, c: SystemCommand, q: QuotaView): QuotaExpectation | null => {
  const command = c;
  switch (c.op) {
    case "vcmd_alloc": {
      const set = sys.liveVm(c.vm)?.vmm.set ?? null;
      const granted = set === null ? undefined : q.granted(set);
      if (set === null || granted === undefined) return null;
      const held = q.held(set);
      return held < granted
        ? { command, expect: "ok", why: `vm${c.vm}'s set holds ${held} of its ${granted}` }
        : { command, expect: "EDQUOT", why: `vm${c.vm}'s set already holds ${held} of its ${granted}` };
    }
    case "vm_create": {
      const a = sys.vms.get(c.vm);
      return a === undefined || a.created ? null : { command, ...fits(c.quota ?? VM_QUOTA, q.room, "quota") };
    }
    case "adjust_quota": {
      const set = sys.liveVm(c.vm)?.vmm.set ?? null;
      const granted = set === null ? undefined : q.granted(set);
      if (set === null || granted === undefined) return null;
      const held = q.held(set);
      if (!Number.isInteger(c.quota) || c.quota < 1) return { command, expect: "EINVAL", why: `${c.quota} is not a quota` };
      if (c.quota < held) return { command, expect: "EBUSY", why: `vm${c.vm}'s set holds ${held}` };
      const growth = c.quota - granted;
      return growth <= q.room
        ? { command, expect: "ok", why: `a change of ${growth} fits the ${q.room} left` }
        : { command, expect: "ENOSPC", why: `a growth of ${growth} exceeds the ${q.room} left` };
    }
    case "proc_open": {
      const pr = sys.procs.get(c.proc);
      return pr === undefined || pr.set !== null || (pr.phase !== "idle" && pr.phase !== "closed") ? null : { command, ...fits(PROC_QUOTA, q.room, "quota") };
    }
    case "vm_destroy": case "kvm_terminate": case "vcmd_free": case "bind": case "unbind": case "switch_mm":
    case "mdev_write": case "mdev_clear": case "dma": case "dma_start": case "dsa_step": case "enqcmd":
    case "smmu_cd_write": case "smmu_dma": case "proc_dma": case "proc_close": case "proc_exit_mm": case "run_work":
      return null;
  }
};

/** Does `r` answer `expect`? A refusal without an errno stands for any errno (D30). */
const answers = (r: CallResult, expect: string): boolean =>
  expect === "ok" ? r.ok : !r.ok && (r.errno === null ? r.via !== "errno" : r.errno === expect);

/** Rule 4. */
export const checkQuota = (e: QuotaExpectation | null, rec: StepRecord): void => {
  if (e === null || rec.kind !== "call" || answers(rec.result, e.expect)) return;
  const got = rec.result.ok ? "ok" : rec.result.errno ?? `no errno (${rec.result.via})`;
  throw new SystemViolation("quota", `${JSON.stringify(e.command)} answered ${got}, expected ${e.expect}: ${e.why}`);
};
