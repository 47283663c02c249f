/**
 * unregister_allocator(ops): remove custom allocator ops (D28).
 * Guard: thread context; ops registered (ENOENT); not the last sharer of a space with outstanding
 * IDs (EBUSY). Effect: the ops are gone; the oldest remaining group (or the default) is active.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal } from "../guards.js";
import { spaceHasIds } from "../derived.js";

export const unregisterAllocator = <E>(ctx: StepContext<E>, c: CallOf<"unregister_allocator">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  const ops = s.allocators.find((a) => a.name === c.name);
  if (ops === undefined) return refuse("ENOENT");
  const lastSharer = !s.allocators.some((a) => a.fns === ops.fns && a.name !== ops.name);
  if (lastSharer && spaceHasIds(s, { kind: "custom", fns: ops.fns })) return refuse("EBUSY");

  return done(ctx.sys, { ...s, allocators: s.allocators.filter((a) => a.name !== c.name) });
};
