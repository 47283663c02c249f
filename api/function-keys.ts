/**
 * Custom allocator ops share one ID space exactly when their `alloc` and `free` are the same
 * functions (api/core.ts). FunctionKeys gives each function object a stable number, so a pair of
 * functions can be named by a string key ("3/4") that crosses boundaries (commands, protocols).
 */

/** Stable numbers for function objects (weakly held). */
export class FunctionKeys {
  private readonly keys = new WeakMap<object, number>();
  private next = 1;
  keyOf(f: object): number {
    const known = this.keys.get(f);
    if (known !== undefined) return known;
    this.keys.set(f, this.next);
    return this.next++;
  }
  /** The key of an ops' function pair. */
  fnsKey(ops: { readonly alloc: object; readonly free: object }): string {
    return `${this.keyOf(ops.alloc)}/${this.keyOf(ops.free)}`;
  }
}
