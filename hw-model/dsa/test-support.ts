/**
 * Helpers for the DSA tests.
 *
 * Rules:
 *  1. Only tests import this file.
 *  2. A refusal where success was expected fails the test with the refusal's message.
 */
import { expect } from "vitest";
import type { DsaDevice } from "./types.js";
import type { DsaError } from "./result.js";
import { isError } from "./result.js";
import { createDsaDevice } from "./device.js";

/** The success branch of a result. */
export const okOf = <T extends { readonly ok: true }>(r: T | DsaError): T =>
  isError(r) ? expect.unreachable(`unexpected refusal: ${r.error}`) : r;

/** The error message of a result that must be a refusal. */
export const errorOf = <T extends { readonly ok: true }>(r: T | DsaError): string =>
  isError(r) ? r.error : expect.unreachable("expected a refusal");

/** A device with requester id `id` and `n` WQs. */
export const device = (id: number, n: number): DsaDevice => okOf(createDsaDevice(id, n)).dev;
