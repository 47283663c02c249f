/**
 * Allocator registry: the default allocator (the core's own bitmap search) and the custom
 * allocator groups (D28).
 *
 * Rules:
 *  1. A group is the set of registered ops whose `alloc` and `free` are the same functions
 *     (===); its members share one ID space. Groups are kept in registration order; the first
 *     one is active and precedes the default, which is active only when no group exists.
 *  2. Space 0 is the default allocator; a group's space is its id (a counter, never reused).
 *     `outstanding` counts the IDs of a space that exist (ALLOCATED or FREE_PENDING).
 *  3. register: a registered name -> EEXIST; the default holding IDs -> EAGAIN.
 *     unregister: unknown name -> ENOENT; the last member of a group holding IDs -> EBUSY.
 *     When a group loses its last member it disappears and the next one becomes active.
 */
import type { Errno } from "../api/errno.js";

export type AllocFn = (min: number, max: number) => number;
export type FreeFn = (id: number) => void;

export interface AllocatorGroup {
  readonly space: number;
  readonly alloc: AllocFn;
  readonly free: FreeFn;
  readonly members: string[];
  outstanding: number;
}

export class AllocatorRegistry {
  private groups: readonly AllocatorGroup[] = [];
  private readonly byName = new Map<string, AllocatorGroup>();
  private readonly bySpace = new Map<number, AllocatorGroup>();
  private nextSpace = 1;
  defaultOutstanding = 0;

  /** The active custom group, or undefined when the default allocator is active. */
  get active(): AllocatorGroup | undefined {
    return this.groups[0];
  }

  group(space: number): AllocatorGroup | undefined {
    return this.bySpace.get(space);
  }

  /** Why `register(name, ...)` would be refused, or null when it would succeed. */
  refusal(name: string): Errno | null {
    if (this.byName.has(name)) return "EEXIST";
    if (this.defaultOutstanding > 0) return "EAGAIN";
    return null;
  }

  register(name: string, alloc: AllocFn, free: FreeFn): Errno | null {
    const refused = this.refusal(name);
    if (refused !== null) return refused;
    let g = this.groups.find((x) => x.alloc === alloc && x.free === free);
    if (g === undefined) {
      g = { space: this.nextSpace++, alloc, free, members: [], outstanding: 0 };
      this.groups = [...this.groups, g];
      this.bySpace.set(g.space, g);
    }
    g.members.push(name);
    this.byName.set(name, g);
    return null;
  }

  unregister(name: string): Errno | null {
    const g = this.byName.get(name);
    if (g === undefined) return "ENOENT";
    if (g.members.length === 1 && g.outstanding > 0) return "EBUSY";
    this.byName.delete(name);
    g.members.splice(g.members.indexOf(name), 1);
    if (g.members.length === 0) {
      this.groups = this.groups.filter((x) => x !== g);
      this.bySpace.delete(g.space);
    }
    return null;
  }

  /** Introspection of registered ops: is their group active, and its outstanding IDs; null if unknown. */
  view(name: string): { readonly active: boolean; readonly outstanding: number } | null {
    const g = this.byName.get(name);
    return g === undefined ? null : { active: g === this.groups[0], outstanding: g.outstanding };
  }

  /** One more ID in `space`. */
  countUp(space: number): void {
    if (space === 0) this.defaultOutstanding++;
    else {
      const g = this.bySpace.get(space);
      if (g !== undefined) g.outstanding++;
    }
  }

  /** One ID of `space` reclaimed; the group (if any) to hand the number back to. */
  countDown(space: number): AllocatorGroup | undefined {
    if (space === 0) {
      this.defaultOutstanding--;
      return undefined;
    }
    const g = this.bySpace.get(space);
    if (g !== undefined) g.outstanding--;
    return g;
  }
}
