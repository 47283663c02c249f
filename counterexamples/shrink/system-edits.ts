/**
 * The argument edits of a system trace, in the order renumbering tries them.
 *
 * Rules:
 *  1. VMs, processes, GPASIDs and guest mms go toward 1; WQ indices and SSIDs toward 0 (the
 *     smallest values the system suite's generator draws).
 *  2. Each kind of number is a namespace: all occurrences of a value are renamed together first,
 *     then single occurrences (edits.ts rule 3).
 */
import type { SystemCommand } from "../../hw-model/system/commands.js";
import type { EditGroup, NumberField } from "./edits.js";
import { numberGroups } from "./edits.js";

const NUMBER_FIELDS: readonly NumberField<SystemCommand>[] = [
  { ns: "vm", lo: 1, read: (c) => ("vm" in c ? c.vm : null), write: (c, v) => ("vm" in c ? { ...c, vm: v } : c) },
  { ns: "proc", lo: 1, read: (c) => ("proc" in c ? c.proc : null), write: (c, v) => ("proc" in c ? { ...c, proc: v } : c) },
  { ns: "gpasid", lo: 1, read: (c) => ("gpasid" in c ? c.gpasid : null), write: (c, v) => ("gpasid" in c ? { ...c, gpasid: v } : c) },
  { ns: "wq", lo: 0, read: (c) => ("wq" in c ? c.wq : null), write: (c, v) => ("wq" in c ? { ...c, wq: v } : c) },
  { ns: "guestMm", lo: 1, read: (c) => ("guestMm" in c ? c.guestMm : null), write: (c, v) => ("guestMm" in c ? { ...c, guestMm: v } : c) },
  { ns: "ssid", lo: 0, read: (c) => ("ssid" in c ? c.ssid : null), write: (c, v) => ("ssid" in c ? { ...c, ssid: v } : c) },
];

/** Every edit group of a system trace, in order. */
export const systemEditGroups = (cmds: readonly SystemCommand[], values: readonly (number | null)[]): readonly EditGroup<SystemCommand>[] =>
  numberGroups(cmds, values, NUMBER_FIELDS);
