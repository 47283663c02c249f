/**
 * Replay a system trace on a System built on the spec core with the trace's drivers, recording
 * the core calls and deliveries of every step.
 *
 * Rules:
 *  1. The drivers are `driversOf(trace)` (implementations.ts); an unknown name throws.
 *  2. Each command is one action node (system-actors.ts says whose); the calls it causes nest
 *     under it. A command that throws (a driver-model error) ends the replay: its row says so
 *     and the commands after it are listed as not run.
 *  3. When the violation is at step commands.length, the teardown runs as System.teardown does
 *     (hw-model/system/system.ts rule 4): destroy live VMs, terminate KVMs, close processes,
 *     drain the work queue, unregister the IOMMU driver. Each part is an action under the
 *     teardown row, so its calls are attributed.
 */
import { SpecCore } from "../../spec/spec-core.js";
import type { SystemCommand } from "../../hw-model/system/commands.js";
import { System } from "../../hw-model/system/system.js";
import type { SystemTrace } from "../trace.js";
import { driversOf } from "../implementations.js";
import type { ActionNode, Node } from "./nodes.js";
import { TreeBuilder } from "./nodes.js";
import { RecordingCore } from "./recording-core.js";
import type { CoreMethod } from "./recording-core.js";
import type { Recorded } from "./assemble.js";
import type { Actor } from "./types.js";
import { CORE_COLUMN } from "./types.js";
import { describe, IOMMU, kvm, processCaller, proc, recordPasid, roleOf, targetOf, vfio, workOwner } from "./system-actors.js";

const CORE: Actor = { column: CORE_COLUMN, instance: null };

/** The first PASID a node's calls name. */
const firstSubject = (nodes: readonly Node[]): number | null => {
  for (const n of nodes) {
    const own = n.kind === "deliver" ? n.delivery.id : n.subject;
    const found = own ?? firstSubject(n.children);
    if (found !== null) return found;
  }
  return null;
};

class Replayer {
  readonly tree = new TreeBuilder();
  readonly spec = new SpecCore();
  readonly sys: System;
  private readonly core: RecordingCore;

  constructor(t: SystemTrace) {
    const drivers = driversOf(t);
    if (typeof drivers === "string") throw new Error(drivers);
    this.core = new RecordingCore(this.spec, this.tree);
    this.sys = new System(this.core, drivers);
  }

  /** Run `body` as an action node: a root, or under the open node when `nested`. */
  action(role: { readonly actor: Actor; readonly from: Actor; readonly to: Actor; readonly caller: (m: CoreMethod) => Actor }, body: () => { readonly text: string; readonly pasid: number | null }, nested: boolean, teardown = false): ActionNode {
    const before = this.spec.state;
    const node: ActionNode = { kind: "action", actor: role.actor, from: role.from, to: role.to, text: "", subject: null, teardown, before, after: before, children: [] };
    const saved = this.core.caller;
    this.core.caller = role.caller;
    try {
      const out = nested ? this.tree.child(node, body) : this.tree.root(node, body);
      node.text = out.text;
      node.subject = out.pasid ?? firstSubject(node.children);
    } finally {
      this.core.caller = saved;
      node.after = this.spec.state;
    }
    return node;
  }

  /** Rule 2: one command; `failed` is set when it threw. */
  command(c: SystemCommand): { readonly node: ActionNode; readonly failed: boolean } {
    const role = roleOf(c, this.sys);
    let failed = false;
    const node = this.action({ ...role, to: targetOf(c, role) }, () => {
      try {
        const rec = this.sys.apply(c);
        return { text: describe(c, rec, this.sys), pasid: recordPasid(c, rec) };
      } catch (e) {
        failed = true;
        return { text: `${c.op} threw: ${e instanceof Error ? e.message : String(e)}`, pasid: null };
      }
    }, false);
    return { node, failed };
  }

  /** Rule 2: a command after a failed one. */
  notRun(c: SystemCommand): ActionNode {
    const role = roleOf(c, this.sys);
    return this.action({ ...role, to: role.actor }, () => ({ text: `${c.op}: not run`, pasid: null }), false);
  }

  /** Rule 3. */
  teardown(): ActionNode {
    const sys = this.sys;
    const part = (actor: Actor, caller: (m: CoreMethod) => Actor, text: string, run: () => void): void => {
      this.action({ actor, from: actor, to: actor, caller }, () => {
        run();
        return { text, pasid: null };
      }, true);
    };
    const self = (a: Actor) => (): Actor => a;
    return this.action({ actor: CORE, from: CORE, to: CORE, caller: self(CORE) }, () => {
      for (const vm of sys.vms.keys()) {
        if (sys.liveVm(vm) !== undefined) part(vfio(vm), self(vfio(vm)), `destroy vm${vm}`, () => sys.apply({ op: "vm_destroy", vm }));
      }
      for (const a of sys.vms.values()) if (a.kvm.alive) part(kvm(a.kvm.vm), self(kvm(a.kvm.vm)), `terminate vm${a.kvm.vm}`, () => a.kvm.terminate());
      for (const [k, pr] of sys.procs) {
        if (pr.phase === "open" || pr.phase === "mm-gone") part(proc(k), processCaller(k), "close", () => pr.close());
      }
      for (let guard = 10_000; guard > 0; guard--) {
        const label = sys.p.work.labels()[0];
        if (label === undefined) break;
        const owner = workOwner(label);
        part(owner, self(owner), `work: ${label}`, () => sys.p.work.runOldest());
      }
      part(IOMMU, self(IOMMU), "unregister", () => sys.core.unregisterNotifier(null, "iommu"));
      return { text: "teardown / leak check", pasid: null };
    }, false, true);
  }
}

/** Replay a system trace (rules 1 to 3). */
export const recordSystem = (t: SystemTrace): Recorded => {
  const r = new Replayer(t);
  const initial = r.spec.state;
  const steps: Node[] = [];
  let failed = false;
  for (const c of t.commands) {
    if (failed) {
      steps.push(r.notRun(c));
      continue;
    }
    const out = r.command(c);
    steps.push(out.node);
    failed = out.failed;
  }
  const teardown = !failed && t.violation !== null && t.violation.step === t.commands.length ? r.teardown() : null;
  return { suite: "system", implementation: t.implementation, note: t.note, spidWord: "gpasid", initial, steps, teardown, violation: t.violation };
};
