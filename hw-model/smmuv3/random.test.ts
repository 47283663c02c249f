/**
 * Properties over random host, guest and device operations on a small SMMU:
 *  - translation only fills caches, and a guest's vSMMU command alone never touches them;
 *  - an answer read from memory ("walk") is what memory says (`walkDma`);
 *  - after a full invalidation (CFGI_STE of every stream, TLBI of every TLB entry), every DMA
 *    resolves as memory says: nothing stale survives the invalidations.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GuestCommand, SmmuCommand, SmmuResult, SmmuState, SteSpec } from "./index.js";
import {
  HOST_SCOPE,
  assignVmid,
  clearSte,
  emptySmmu,
  guestClearCd,
  guestInvalidate,
  guestWriteCd,
  hostClearCd,
  hostWriteCd,
  issueCommand,
  propagate,
  resolveDma,
  walkDma,
  writeSte,
} from "./index.js";
import { run } from "./test-support.js";

const STREAMS = [1, 2];
const stream = fc.constantFrom(...STREAMS);
const ssid = fc.integer({ min: 0, max: 1 });
const asid = fc.integer({ min: 1, max: 2 });
const vm = fc.integer({ min: 1, max: 2 });
const mm = fc.integer({ min: 1, max: 2 });
const table = fc.integer({ min: 0, max: 1 });
const cdMax = fc.integer({ min: 0, max: 1 });

const steSpec: fc.Arbitrary<SteSpec> = fc.oneof(
  fc.constant<SteSpec>({ config: "abort" }),
  fc.constant<SteSpec>({ config: "bypass" }),
  fc.record({ config: fc.constant<"s1">("s1"), table, s1CdMax: cdMax }),
  fc.record({ config: fc.constant<"s2">("s2"), vm }),
  fc.record({ config: fc.constant<"nested">("nested"), vm, table: fc.constant(0), s1CdMax: cdMax }),
);
const command: fc.Arbitrary<SmmuCommand> = fc.oneof(
  fc.record({ op: fc.constant<"CMD_TLBI_NH_ASID">("CMD_TLBI_NH_ASID"), scope: fc.constant(HOST_SCOPE), asid }),
  fc.record({ op: fc.constant<"CMD_TLBI_NH_ASID">("CMD_TLBI_NH_ASID"), scope: fc.record({ kind: fc.constant<"vmid">("vmid"), vmid: vm }), asid }),
  fc.record({ op: fc.constant<"CMD_TLBI_S12_VMALL">("CMD_TLBI_S12_VMALL"), vmid: vm }),
  fc.record({ op: fc.constant<"CMD_CFGI_CD">("CMD_CFGI_CD"), streamId: stream, ssid }),
  fc.record({ op: fc.constant<"CMD_CFGI_STE">("CMD_CFGI_STE"), streamId: stream }),
);
const guestCommand: fc.Arbitrary<GuestCommand> = fc.oneof(
  fc.record({ op: fc.constant<"CMD_TLBI_NH_ASID">("CMD_TLBI_NH_ASID"), asid }),
  fc.record({ op: fc.constant<"CMD_CFGI_CD">("CMD_CFGI_CD"), streamId: stream, ssid }),
  fc.record({ op: fc.constant<"CMD_CFGI_STE">("CMD_CFGI_STE"), streamId: stream }),
);

type Op =
  | { readonly kind: "ste"; readonly stream: number; readonly spec: SteSpec }
  | { readonly kind: "clear-ste"; readonly stream: number }
  | { readonly kind: "host-cd"; readonly table: number; readonly ssid: number; readonly valid: boolean; readonly asid: number; readonly mm: number }
  | { readonly kind: "host-clear"; readonly table: number; readonly ssid: number }
  | { readonly kind: "guest-cd"; readonly vm: number; readonly ssid: number; readonly valid: boolean; readonly asid: number; readonly mm: number }
  | { readonly kind: "guest-clear"; readonly vm: number; readonly ssid: number }
  | { readonly kind: "dma"; readonly stream: number; readonly ssid: number }
  | { readonly kind: "command"; readonly command: SmmuCommand }
  | { readonly kind: "guest-command"; readonly vm: number; readonly command: GuestCommand }
  | { readonly kind: "propagate"; readonly vm: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant<"ste">("ste"), stream, spec: steSpec }),
  fc.record({ kind: fc.constant<"clear-ste">("clear-ste"), stream }),
  fc.record({ kind: fc.constant<"host-cd">("host-cd"), table, ssid, valid: fc.boolean(), asid, mm }),
  fc.record({ kind: fc.constant<"host-clear">("host-clear"), table, ssid }),
  fc.record({ kind: fc.constant<"guest-cd">("guest-cd"), vm, ssid, valid: fc.boolean(), asid, mm }),
  fc.record({ kind: fc.constant<"guest-clear">("guest-clear"), vm, ssid }),
  fc.record({ kind: fc.constant<"dma">("dma"), stream, ssid }),
  fc.record({ kind: fc.constant<"dma">("dma"), stream, ssid }),
  fc.record({ kind: fc.constant<"dma">("dma"), stream, ssid }),
  fc.record({ kind: fc.constant<"command">("command"), command }),
  fc.record({ kind: fc.constant<"guest-command">("guest-command"), vm, command: guestCommand }),
  fc.record({ kind: fc.constant<"propagate">("propagate"), vm }),
);

/** Run one op, checking the per-step properties; a refusal leaves the state as it was. */
const step = (s: SmmuState, o: Op): SmmuState => {
  const r = ((): SmmuResult => {
    switch (o.kind) {
      case "ste": return writeSte(s, o.stream, o.spec);
      case "clear-ste": return clearSte(s, o.stream);
      case "host-cd": return hostWriteCd(s, o.table, o.ssid, { valid: o.valid, asid: o.asid, ttb: { kind: "host-process", mm: o.mm } });
      case "host-clear": return hostClearCd(s, o.table, o.ssid);
      case "guest-cd": return guestWriteCd(s, o.vm, 0, o.ssid, { valid: o.valid, asid: o.asid, guestMm: o.mm });
      case "guest-clear": return guestClearCd(s, o.vm, 0, o.ssid);
      case "dma": {
        const out = resolveDma(s, o.stream, o.ssid);
        expect(out.state.streamTable).toBe(s.streamTable);
        expect(out.state.cdTables).toBe(s.cdTables);
        expect(out.state.guestQueues).toBe(s.guestQueues);
        if (out.resolution.kind === "translated" && out.resolution.via === "walk") {
          expect(out.resolution).toEqual(walkDma(s, o.stream, o.ssid));
        }
        return { ok: true, state: out.state };
      }
      case "command": return issueCommand(s, o.command);
      case "guest-command": {
        const out = guestInvalidate(s, o.vm, o.command);
        if (out.ok) {
          expect(out.state.tlb).toBe(s.tlb);
          expect(out.state.cdCache).toBe(s.cdCache);
          expect(out.state.steCache).toBe(s.steCache);
        }
        return out;
      }
      case "propagate": return propagate(s, o.vm);
    }
  })();
  return r.ok ? r.state : s;
};

/** CFGI_STE for every stream, then TLBI for every TLB entry. */
const invalidateAll = (s: SmmuState): SmmuState => {
  const cfgi = STREAMS.map((streamId) => (x: SmmuState) => issueCommand(x, { op: "CMD_CFGI_STE", streamId }));
  const afterCfgi = run(s, ...cfgi);
  const tlbi = [...afterCfgi.tlb.values()].map((e) => (x: SmmuState) => issueCommand(x, { op: "CMD_TLBI_NH_ASID", scope: e.scope, asid: e.asid }));
  return run(afterCfgi, ...tlbi);
};

describe("random SMMU sequences", () => {
  it("caches only answer until invalidated; a full invalidation leaves nothing stale", () => {
    const start = run(emptySmmu(), (x) => assignVmid(x, 1, 1), (x) => assignVmid(x, 2, 2));
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 60, size: "max" }), (ops) => {
        let s = start;
        for (const o of ops) s = step(s, o);
        const clean = invalidateAll(s);
        expect(clean.tlb.size + clean.steCache.size + clean.cdCache.size).toBe(0);
        for (const streamId of STREAMS) {
          for (let q = 0; q <= 2; q++) {
            const out = resolveDma(clean, streamId, q);
            expect(out.resolution).toEqual(walkDma(s, streamId, q));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
