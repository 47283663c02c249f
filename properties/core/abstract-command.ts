/**
 * An abstract command: a command kind, seeds and a reaction. It becomes a concrete Command only
 * when resolved against the model state at the moment it runs (resolve.ts), so the generated
 * sequence stays meaningful while fast-check shrinks it.
 */
import type { CommandKind } from "../../api/commands.js";
import type { Reaction } from "../../api/reaction.js";

/** A command before resolution. */
export interface AbstractCommand {
  readonly op: CommandKind;
  readonly seeds: readonly [number, number, number, number];
  /** Used by the registration commands only. */
  readonly reaction: Reaction;
}
