/**
 * A tiny memo of the last few values computed per key object, compared by identity.
 *
 * Rules:
 *  1. It keeps at most `size` keys, forgetting the oldest: a suite has two systems alive at a
 *     time, so a handful of entries hit as often as a map of every key would, without the cost
 *     (and the garbage-collector work) of a WeakMap entry per hardware state or per system.
 *  2. A key is found only by identity (===); what it maps to is whatever was last kept for it.
 *  3. It holds its keys strongly, so at most `size` old keys stay reachable through it.
 */
export class Recent<K extends object, V> {
  private readonly keys: (K | null)[];
  private readonly values: (V | null)[];
  private next = 0;

  constructor(private readonly size = 4) {
    this.keys = new Array<K | null>(size).fill(null);
    this.values = new Array<V | null>(size).fill(null);
  }

  /** Rule 2: the value kept for `key`, if any. */
  get(key: K): V | undefined {
    for (let i = 0; i < this.size; i++) {
      if (this.keys[i] === key) {
        const v = this.values[i];
        return v === null ? undefined : v;
      }
    }
    return undefined;
  }

  /** Rule 1: keep `value` for `key`, replacing its old value or the oldest key. */
  set(key: K, value: V): void {
    for (let i = 0; i < this.size; i++) {
      if (this.keys[i] === key) {
        this.values[i] = value;
        return;
      }
    }
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }
}
