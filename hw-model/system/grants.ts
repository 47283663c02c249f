/**
 * The host administrator's ledger of PASID quotas: what each set was granted, independent of
 * what the drivers and the core did with it, so the checks can judge both.
 *
 * Rules:
 *  1. A grant is recorded when a set is created for a VM (`vm_create`, its quota or VM_QUOTA)
 *     or for a native process (PROC_QUOTA); `adjust_quota` replaces it when it succeeds.
 *  2. Releasing the set (VM destroyed, process closed) marks the grant released: its quota is
 *     still reserved until the set's last ID is reclaimed, which the checks see in the core.
 *  3. Entries are keyed by set handle; a handle the core hands out again replaces the old entry.
 */

/** The quota granted to one set. */
export interface Grant {
  /** The actor that owns the set (e.g. `vmm1`, `process-mm201`). */
  readonly holder: string;
  readonly quota: number;
  readonly released: boolean;
}

/** Rules 1 to 3. */
export class GrantLedger {
  private readonly grants = new Map<number, Grant>();

  /** Rule 1: a new set. */
  created(set: number, holder: string, quota: number): void {
    this.grants.set(set, { holder, quota, released: false });
  }

  /** Rule 1: a successful quota change. */
  adjusted(set: number, quota: number): void {
    const g = this.grants.get(set);
    if (g !== undefined) this.grants.set(set, { ...g, quota });
  }

  /** Rule 2. */
  released(set: number): void {
    const g = this.grants.get(set);
    if (g !== undefined) this.grants.set(set, { ...g, released: true });
  }

  get(set: number): Grant | undefined {
    return this.grants.get(set);
  }

  entries(): IterableIterator<[number, Grant]> {
    return this.grants.entries();
  }
}
