/**
 * register_allocator(ops): register custom allocator ops (D28).
 * Guard: thread context; a name and a functions key (EINVAL); ops not registered (EEXIST); the
 * default allocator has no outstanding ID (EAGAIN). Effect: the ops join the group sharing its
 * functions, or start a new group; the oldest group is the active allocator.
 */
import type { CallOf } from "../../api/commands.js";
import type { Step, StepContext } from "../step-types.js";
import { done, refuse } from "../step-types.js";
import { contextRefusal } from "../guards.js";
import { spaceHasIds } from "../derived.js";

export const registerAllocator = <E>(ctx: StepContext<E>, c: CallOf<"register_allocator">): Step<E> => {
  const s = ctx.sys.core;
  const busy = contextRefusal(s, false);
  if (busy !== null) return busy;
  if (c.name.length === 0 || c.fns.length === 0) return refuse("EINVAL");
  if (s.allocators.some((a) => a.name === c.name)) return refuse("EEXIST");
  if (spaceHasIds(s, { kind: "default" })) return refuse("EAGAIN");

  const group = s.allocators.find((a) => a.fns === c.fns)?.group ?? s.nextSeq;
  const allocators = [...s.allocators, { name: c.name, fns: c.fns, group }];
  return done(ctx.sys, { ...s, allocators, nextSeq: s.nextSeq + 1 });
};
