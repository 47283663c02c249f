/**
 * Test helper: run commands through the spec's world and keep every outcome.
 */
import type { Command } from "../../api/commands.js";
import type { Outcome } from "../../api/outcome.js";
import { deliveriesOf } from "../../api/outcome.js";
import type { Reaction } from "../../api/reaction.js";
import type { World } from "../../spec/world.js";
import { initialWorld, worldStep } from "../../spec/world.js";
import { violatedInvariants } from "../../spec/invariants.js";

/** The world after `cmds`, with each outcome; throws if an invariant breaks on the way. */
export const runAll = (cmds: readonly Command[], start: World = initialWorld({ capacity: 64 })) => {
  let world = start;
  const outcomes: Outcome[] = [];
  for (const cmd of cmds) {
    const next = worldStep(world, cmd);
    const broken = violatedInvariants(next.world.core);
    if (broken.length > 0) throw new Error(`after ${JSON.stringify(cmd)}: ${broken.join(", ")}`);
    world = next.world;
    outcomes.push(next.outcome);
  }
  return { world, outcomes, last: outcomes[outcomes.length - 1] };
};

/** The result of the last command. */
export const lastResult = (cmds: readonly Command[], start?: World) => runAll(cmds, start).last?.result;

/** Deliveries of an outcome as "EVENT id->notifier" strings, for compact assertions. */
export const deliveryLines = (o: Outcome | undefined): string[] =>
  o === undefined ? [] : deliveriesOf(o).map((d) => `${d.event} ${d.id}->${d.notifier}`);

/** A reaction that only listens. */
export const quiet: Reaction = { on: [], now: [], later: [] };

/** Command builders that read like the kernel calls. */
export const c = {
  nullSet: (quota = 8, value = 0): Command => ({ op: "alloc_set", token: { type: "null", value }, quota }),
  mmSet: (mm: number, quota = 8): Command => ({ op: "alloc_set", token: { type: "mm", mm }, quota }),
  alloc: (set: number, min = 1, max = 0xfffff, data: string | null = null): Command => ({ op: "alloc", set, min, max, data }),
  free: (set: number | null, id: number): Command => ({ op: "free", set, id }),
  get: (set: number | null, id: number): Command => ({ op: "get", set, id }),
  put: (set: number | null, id: number): Command => ({ op: "put", set, id }),
  spid: (set: number | null, id: number, spid: number): Command => ({ op: "attach_spid", set, id, spid }),
  bySpid: (set: number | null, spid: number): Command => ({ op: "find_by_spid", set, spid }),
  nb: (set: number | null, name: string, priority: "CPU" | "DEVICE" | "IOMMU" | "LAST", reaction: Reaction = quiet): Command =>
    ({ op: "register_notifier", set, name, priority, reaction }),
  nbMm: (mm: number, name: string, priority: "CPU" | "DEVICE" | "IOMMU" | "LAST", reaction: Reaction = quiet): Command =>
    ({ op: "register_notifier_mm", mm, name, priority, reaction }),
  notify: (set: number | null, id: number, event: "ALLOC" | "FREE" | "BIND" | "UNBIND"): Command => ({ op: "notify", set, id, event }),
  setPut: (set: number): Command => ({ op: "set_put", set }),
  work: (): Command => ({ op: "run_work" }),
};
