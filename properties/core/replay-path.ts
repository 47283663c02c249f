/**
 * The path of a core counterexample: fast-check's path, then `~` and the replay path of its
 * commands (fast-check's model-based commands need both to rebuild a shrunk run exactly), in
 * one string that `--path` carries; the same form as the system suite's.
 */

/** Fast-check's path and the commands' replay path of a combined path. */
export const splitPath = (path: string | undefined): { readonly path?: string; readonly replayPath?: string } => {
  if (path === undefined) return {};
  const at = path.indexOf("~");
  return at < 0 ? { path } : { path: path.slice(0, at), replayPath: path.slice(at + 1) };
};

/** The combined path of a counterexample, from its commands' replay metadata (their toString). */
export const joinPath = (path: string, cmds: unknown): string => {
  const replayPath = /replayPath="([^"]*)"/.exec(String(cmds))?.[1] ?? "";
  return replayPath === "" ? path : `${path}~${replayPath}`;
};
