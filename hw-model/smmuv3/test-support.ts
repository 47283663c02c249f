/**
 * Helpers for the SMMUv3 tests.
 *
 * Rules:
 *  1. Only tests import this file.
 *  2. A refusal where success was expected fails the test with the refusal's message.
 */
import { expect } from "vitest";
import type { AddressSpace, Resolution } from "../address-space.js";
import type { SmmuState } from "./types.js";
import type { SmmuResult } from "./result.js";
import { resolveDma } from "./resolve.js";

/** One update of a test scenario. */
export type Step = (s: SmmuState) => SmmuResult;

/** The state of a successful update. */
export const okState = (r: SmmuResult): SmmuState => (r.ok ? r.state : expect.unreachable(`unexpected refusal: ${r.error}`));

/** Apply `steps` in order from `start`. */
export const run = (start: SmmuState, ...steps: readonly Step[]): SmmuState =>
  steps.reduce((s, step) => okState(step(s)), start);

/** Resolve a DMA and return the state (caches filled) and its resolution. */
export const dma = (s: SmmuState, streamId: number, ssid: number): [SmmuState, Resolution] => {
  const out = resolveDma(s, streamId, ssid);
  return [out.state, out.resolution];
};

/** A translation to `space` via `via`. */
export const to = (space: AddressSpace, via: "walk" | "cache"): Resolution => ({ kind: "translated", space, via });

/** The reason of a fault resolution (fails the test on a translation). */
export const faultReason = (r: Resolution): string =>
  r.kind === "fault" ? r.reason : expect.unreachable(`expected a fault, got a translation`);
