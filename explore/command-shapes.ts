/**
 * The command kinds as the api codecs define them: each kind's name and its argument codecs,
 * read from the `Command` union itself, so a kind or an argument added to `api/commands.ts` is
 * explored without a change here.
 *
 * Rules:
 *  1. Unions are flattened; each member must be a (readonly) object codec whose `op` is a
 *     literal: that literal is the kind.
 *  2. Every other property is an argument, in declaration order, with its codec.
 *  3. Keyof codecs (getters, events, priorities, handler calls) are enumerated from their keys.
 *  4. `fail_nth` (fault injection, D32) is left out of the shapes: it changes no spec state, so
 *     the spec's own search has nothing to find with it; exploring a core that offers failNth
 *     adds it as the arming of a state (core-explore.ts rule 6).
 */
import * as t from "io-ts";
import { Command } from "../api/commands.js";

/** One command kind: its name and its arguments' codecs. */
export interface CommandShape {
  readonly op: string;
  readonly args: readonly (readonly [string, t.Mixed])[];
}

const objectProps = (c: t.Mixed): t.Props | null => {
  if (c instanceof t.ReadonlyType) return objectProps(c.type);
  if (c instanceof t.InterfaceType) return c.props;
  return null;
};

const flatten = (c: t.Mixed): readonly t.Mixed[] => (c instanceof t.UnionType ? c.types.flatMap((x: t.Mixed) => flatten(x)) : [c]);

/** Rules 1 and 2. */
export const shapesOf = (codec: t.Mixed): readonly CommandShape[] =>
  flatten(codec).flatMap((member): CommandShape[] => {
    const props = objectProps(member);
    const op = props?.["op"];
    if (props === null || !(op instanceof t.LiteralType) || typeof op.value !== "string") return [];
    return [{ op: op.value, args: Object.entries(props).filter(([k]) => k !== "op") }];
  });

/** Every command kind of the api. */
export const COMMAND_SHAPES: readonly CommandShape[] = shapesOf(Command).filter((s) => s.op !== "fail_nth");

/** Rule 3: the keys of a keyof codec, or null for another codec. */
export const keysOf = (c: t.Mixed): readonly string[] | null => (c instanceof t.KeyofType ? Object.keys(c.keys) : null);
