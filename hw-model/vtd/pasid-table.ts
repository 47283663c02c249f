/**
 * The per-device PASID structure of scalable mode: a context entry, a PASID directory and the
 * 64-entry PASID tables it points to.
 *
 * Rules:
 *  1. Two levels, as in hardware: PASID bits 19:6 select a directory slot (2^14 of them), which
 *     points to a PASID table whose 64 slots are selected by bits 5:0. The directory is stored
 *     sparsely (only slots that point to a table), each table as 64 slots (entry or null).
 *  2. The context entry carries `present`, `pasidEnabled` and the pointer to the directory:
 *     `directory` null means "no directory": nothing can be written, every walk fails there.
 *  3. Writes are memory writes: `setEntry` overwrites whatever the slot held (present or not);
 *     `clearPresent` clears only the present bit and keeps FPD, PGTT, DID and the pointers (and
 *     can set FPD on the way, as a teardown that expects faults does); `removeEntry` empties the
 *     slot. Clearing or removing an empty slot succeeds and changes nothing.
 *  4. Only legal entries are stored (pasid-entry.ts rule 2); a PASID outside 1..0xFFFFF is refused
 *     with an error result, never thrown.
 *  5. A PASID table whose last slot is emptied is dropped from the directory, so a structure
 *     that held entries and was emptied equals a fresh one (the kernel keeps the page; an empty
 *     table names no PASID, so nothing observable is lost).
 *  6. A populated slot names its PASID whether present or not: `entriesNaming` lists both.
 */
import { directoryIndex, pasidAt, pasidError, PASID_TABLE_ENTRIES, tableIndex } from "./ids.js";
import { validateEntry, type PasidEntry } from "./pasid-entry.js";
import { vtdErr, vtdOk, type VtdResult } from "./result.js";

/** The scalable-mode context entry of one device (its directory pointer is `DeviceTables.directory`). */
export interface ContextEntry {
  readonly present: boolean;
  readonly pasidEnabled: boolean;
}

/** One PASID table: exactly 64 slots, indexed by PASID bits 5:0. */
export type PasidTable = ReadonlyArray<PasidEntry | null>;

/** The PASID directory: directory index (PASID bits 19:6) -> the PASID table it points to. */
export type PasidDirectory = ReadonlyMap<number, PasidTable>;

/** One device's context entry and PASID structure. */
export interface DeviceTables {
  readonly context: ContextEntry;
  /** The directory the context entry points to, or null when it points nowhere. */
  readonly directory: PasidDirectory | null;
}

/** Where a walk of the structure ends for one PASID. */
export type TableWalk =
  | { readonly kind: "no-directory" }
  | { readonly kind: "no-table"; readonly directoryIndex: number }
  | { readonly kind: "empty-slot"; readonly directoryIndex: number; readonly tableIndex: number }
  | { readonly kind: "entry"; readonly directoryIndex: number; readonly tableIndex: number; readonly entry: PasidEntry };

/** A populated slot and the PASID it stands for. */
export interface NamingEntry {
  readonly pasid: number;
  readonly entry: PasidEntry;
}

const EMPTY_DIRECTORY: PasidDirectory = new Map();

/**
 * A device's structure as a driver sets it up: by default context present, PASID enabled and an
 * empty directory; `hasDirectory` false leaves the directory pointer null.
 */
export const emptyDeviceTables = (
  context: ContextEntry = { present: true, pasidEnabled: true },
  hasDirectory = true,
): DeviceTables => ({ context, directory: hasDirectory ? EMPTY_DIRECTORY : null });

/** Replace the context entry (the directory pointer is kept). */
export const setContext = (tables: DeviceTables, context: ContextEntry): DeviceTables => ({ ...tables, context });

/** The PASID table a directory slot points to, or null. */
export const tableAt = (tables: DeviceTables, dirIndex: number): PasidTable | null =>
  tables.directory?.get(dirIndex) ?? null;

/** Walk the directory and the PASID table for `pasid`. */
export const walkTables = (tables: DeviceTables, pasid: number): VtdResult<TableWalk> => {
  const bad = pasidError(pasid);
  if (bad !== null) return vtdErr(bad);
  if (tables.directory === null) return vtdOk({ kind: "no-directory" });
  const d = directoryIndex(pasid);
  const table = tables.directory.get(d);
  if (table === undefined) return vtdOk({ kind: "no-table", directoryIndex: d });
  const t = tableIndex(pasid);
  const entry = table[t] ?? null;
  return entry === null
    ? vtdOk({ kind: "empty-slot", directoryIndex: d, tableIndex: t })
    : vtdOk({ kind: "entry", directoryIndex: d, tableIndex: t, entry });
};

/** The entry in `pasid`'s slot (present or not), or null for an empty slot. */
export const lookup = (tables: DeviceTables, pasid: number): VtdResult<PasidEntry | null> => {
  const walk = walkTables(tables, pasid);
  if (!walk.ok) return walk;
  return vtdOk(walk.value.kind === "entry" ? walk.value.entry : null);
};

const isEmptyTable = (table: PasidTable): boolean => table.every((e) => e === null);

/** Write `entry` (or null: empty the slot) at `pasid`, copy-on-write. Requires a directory. */
const writeSlot = (tables: DeviceTables, pasid: number, entry: PasidEntry | null): DeviceTables => {
  const directory = tables.directory ?? EMPTY_DIRECTORY;
  const d = directoryIndex(pasid);
  const old = directory.get(d);
  const table: (PasidEntry | null)[] = old === undefined ? new Array<PasidEntry | null>(PASID_TABLE_ENTRIES).fill(null) : old.slice();
  table[tableIndex(pasid)] = entry;
  const next = new Map(directory);
  if (isEmptyTable(table)) next.delete(d);
  else next.set(d, table);
  return { ...tables, directory: next };
};

/** Write a legal entry into `pasid`'s slot, replacing what was there. */
export const setEntry = (tables: DeviceTables, pasid: number, entry: PasidEntry): VtdResult<DeviceTables> => {
  const bad = pasidError(pasid);
  if (bad !== null) return vtdErr(bad);
  if (tables.directory === null) return vtdErr(`cannot write PASID ${pasid}: the context entry has no PASID directory`);
  const valid = validateEntry(entry);
  if (!valid.ok) return vtdErr(`illegal PASID entry for PASID ${pasid}: ${valid.error}`);
  return vtdOk(writeSlot(tables, pasid, entry));
};

/** Clear the present bit of `pasid`'s entry, keeping every other field; `setFpd` also sets FPD. */
export const clearPresent = (tables: DeviceTables, pasid: number, setFpd = false): VtdResult<DeviceTables> => {
  const found = lookup(tables, pasid);
  if (!found.ok) return found;
  const entry = found.value;
  if (entry === null) return vtdOk(tables);
  const fpd = entry.fpd || setFpd;
  if (!entry.present && fpd === entry.fpd) return vtdOk(tables);
  return vtdOk(writeSlot(tables, pasid, { ...entry, present: false, fpd }));
};

/** Empty `pasid`'s slot. */
export const removeEntry = (tables: DeviceTables, pasid: number): VtdResult<DeviceTables> => {
  const found = lookup(tables, pasid);
  if (!found.ok) return found;
  return vtdOk(found.value === null ? tables : writeSlot(tables, pasid, null));
};

/** Every populated slot (present or not) with its PASID, in increasing PASID order. */
export const entriesNaming = (tables: DeviceTables): readonly NamingEntry[] => {
  if (tables.directory === null) return [];
  const out: NamingEntry[] = [];
  const dirs = [...tables.directory.keys()].sort((a, b) => a - b);
  for (const d of dirs) {
    const table = tables.directory.get(d) ?? [];
    table.forEach((entry, t) => {
      if (entry !== null) out.push({ pasid: pasidAt(d, t), entry });
    });
  }
  return out;
};

/** How many slots are populated (present or not): zero once every PASID is torn down. */
export const entryCount = (tables: DeviceTables): number => {
  let n = 0;
  for (const table of tables.directory?.values() ?? []) for (const e of table) if (e !== null) n += 1;
  return n;
};

/** How many PASID tables the directory points to. */
export const tableCount = (tables: DeviceTables): number => tables.directory?.size ?? 0;
