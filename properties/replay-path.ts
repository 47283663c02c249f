/**
 * The replay path of a counterexample of a suite built on fc.commands: fast-check's path, then
 * `~` and fast-check's replay path of the commands (which commands ran while shrinking).
 * Replaying such a run needs both; the suites print the combined string and take it back.
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
