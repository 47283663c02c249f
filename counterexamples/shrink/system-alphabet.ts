/**
 * The abstract system commands the breadth-first search resolves in every state: per command
 * kind, a small fixed set of seeds around the most ordinary choice.
 *
 * Rules:
 *  1. Every kind starts from seeds [0, 0, 0] (VM 1, the first held GPASID or SSID, the assigned
 *     device) and varies one seed position at a time.
 *  2. The values of a position reach each category of the pick it feeds
 *     (properties/system/picks.ts): the other VM; a held, bound, freed (stale) or raw GPASID;
 *     a written SSID, another one, one beyond the table; the DSA device and the other guest mm;
 *     a programmed WQ, the VM's own WQs and another VM's WQ; the other process; the default,
 *     a tiny and each edge quota of vm_create (the capacity left, one more, one less, the whole
 *     capacity) and every edge of adjust_quota.
 *  3. The suite's own resolveSystem turns these into concrete commands; duplicates are removed by
 *     the search.
 */
import type { SystemCommandKind } from "../../hw-model/system/commands.js";
import type { AbstractSystemCommand } from "../../properties/system/resolve.js";
import { SYSTEM_WEIGHTS } from "../../properties/system/resolve.js";

type Positions = readonly [readonly number[], readonly number[], readonly number[]];

const VM = [0, 9];
const GPASID = [0, 5, 7, 8, 15];
const BOUND_GPASID = [0, 1, 5, 7, 8, 15];
const SSID = [0, 8, 16];
const WQ = [0, 1, 5, 13];
const QUOTA = [0, 2, 6, 8, 14, 22, 30];
const ADJUST = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const NONE: readonly number[] = [0];

/** Rule 2 (a switch with no default: exhaustive by its return type). */
function positions(op: SystemCommandKind): Positions {
  switch (op) {
    case "vm_create": return [VM, QUOTA, NONE];
    case "adjust_quota": return [VM, ADJUST, NONE];
    case "vm_destroy":
    case "kvm_terminate":
    case "vcmd_alloc": return [VM, NONE, NONE];
    case "vcmd_free":
    case "enqcmd": return [VM, BOUND_GPASID, NONE];
    case "bind": return [VM, GPASID, [0, 1, 2]];
    case "unbind": return [VM, GPASID, [0, 1]];
    case "switch_mm": return [VM, BOUND_GPASID, [0, 7]];
    case "mdev_write": return [VM, BOUND_GPASID, WQ];
    case "mdev_clear":
    case "dma":
    case "dma_start": return [VM, NONE, WQ];
    case "dsa_step": return [NONE, NONE, NONE];
    case "smmu_cd_write":
    case "smmu_dma": return [VM, SSID, NONE];
    case "proc_open":
    case "proc_dma":
    case "proc_close":
    case "proc_exit_mm": return [[0, 1], NONE, NONE];
    case "run_work": return [NONE, NONE, NONE];
  }
}

const withSeed = (p: number, v: number): readonly [number, number, number] => [p === 0 ? v : 0, p === 1 ? v : 0, p === 2 ? v : 0];

/** Rule 1 and 2 for one kind. */
export const abstractSystemCommandsOf = (op: SystemCommandKind): readonly AbstractSystemCommand[] => {
  const out: AbstractSystemCommand[] = [{ op, seeds: [0, 0, 0] }];
  positions(op).forEach((values, p) => {
    for (const v of values) if (v !== 0) out.push({ op, seeds: withSeed(p, v) });
  });
  return out;
};

const KINDS = Object.keys(SYSTEM_WEIGHTS).filter((k): k is SystemCommandKind => Object.hasOwn(SYSTEM_WEIGHTS, k));

/** The whole alphabet, in the suite's kind order. */
export const SYSTEM_ALPHABET: readonly AbstractSystemCommand[] = KINDS.flatMap(abstractSystemCommandsOf);

/**
 * The alphabet of some kinds only (rules 1 and 2 for each), in the suite's kind order: the
 * yardstick's second search, over the kinds a shrunk trace uses (yardstick.ts rule 5).
 */
export const alphabetOfKinds = (kinds: ReadonlySet<SystemCommandKind>): readonly AbstractSystemCommand[] =>
  KINDS.filter((k) => kinds.has(k)).flatMap(abstractSystemCommandsOf);
