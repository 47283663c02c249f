/**
 * Every actor that can hold references on host PASIDs says which, so the system suite can check
 * that the core's reference counts are exactly the references the actors hold.
 */

/** An actor holding references. */
export interface RefHolder {
  readonly name: string;
  /** Host PASID -> references this actor holds on it. */
  heldRefs(): ReadonlyMap<number, number>;
}

/** Add `n` to `id`'s count in `m`, deleting it at zero. */
export const bump = (m: Map<number, number>, id: number, n: number): void => {
  const v = (m.get(id) ?? 0) + n;
  if (v === 0) m.delete(id);
  else m.set(id, v);
};
