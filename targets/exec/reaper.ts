/**
 * The reaper: one small helper process per harness that ends every implementation process group
 * the harness leaves behind when it dies without cleaning up (SIGINT, SIGTERM, SIGKILL, a crash).
 *
 * Rules:
 *  1. Every implementation runs in its own process group (spawned detached: its pid is the group
 *     id). The harness tells the reaper `+PGID` when a group starts (the channel's worker writes
 *     it on the reaper's stdin right after the spawn, see reaperFd) and `-PGID` once it has ended
 *     it; the lines go out synchronously on a pipe, so a harness blocked in a suite still sends them.
 *  2. The reaper sits in the harness's process group, so a terminal's Ctrl-C reaches it too. On
 *     the end of its stdin (the harness is gone, however it died), SIGINT, SIGTERM or SIGHUP it
 *     sends SIGKILL to every group it still knows, then exits.
 *  3. It never signals group 0, 1 or a negative id: only the positive ids it was told.
 *  4. It never keeps the harness alive (unref'd), and costs one process start per harness run.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { Socket } from "node:net";

/** The reaper's program (CommonJS, run with `node -e`). */
export const REAPER_SOURCE = `
"use strict";
const groups = new Set();
let buffered = "";
const end = () => {
  for (const g of groups) { try { process.kill(-g, "SIGKILL"); } catch {} }
  groups.clear();
  process.exit(0);
};
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  for (let nl = buffered.indexOf("\\n"); nl >= 0; nl = buffered.indexOf("\\n")) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const g = Number(line.slice(1));
    if (!Number.isSafeInteger(g) || g <= 1) continue;
    if (line[0] === "+") groups.add(g);
    else if (line[0] === "-") groups.delete(g);
  }
});
process.stdin.on("end", end);
process.stdin.on("error", end);
for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, end);
`;

let reaper: ChildProcess | null = null;

/** Start the reaper if it is not running. */
const ensureReaper = (): ChildProcess => {
  if (reaper === null) {
    const r = spawn(process.execPath, ["-e", REAPER_SOURCE], { stdio: ["pipe", "ignore", "ignore"] });
    r.on("error", () => {
      // No reaper: groups are still ended on every normal path (channel.ts).
    });
    r.stdin?.on("error", () => {});
    r.unref();
    if (r.stdin instanceof Socket) r.stdin.unref();
    reaper = r;
  }
  return reaper;
};

const tell = (line: string): void => {
  const r = ensureReaper();
  if (r.stdin?.writable === true) r.stdin.write(`${line}\n`);
};

/**
 * The file descriptor of the reaper's stdin (starting it), or -1: a channel's worker thread
 * writes `+PGID` on it with a synchronous write the moment it has spawned a child, so no signal
 * to the harness can fall between the spawn and the registration (lines are shorter than
 * PIPE_BUF, so writes from several threads do not interleave).
 */
export const reaperFd = (): number => {
  const stdin = ensureReaper().stdin;
  const handle: unknown = stdin === null ? undefined : Reflect.get(stdin, "_handle");
  const fd: unknown = typeof handle === "object" && handle !== null ? Reflect.get(handle, "fd") : undefined;
  return typeof fd === "number" && Number.isInteger(fd) && fd > 2 ? fd : -1;
};

/** Rule 1: a group the reaper must end if the harness dies. */
export const watchGroup = (pgid: number): void => {
  if (Number.isSafeInteger(pgid) && pgid > 1) tell(`+${pgid}`);
};

/** Rule 1: a group the harness has ended itself. */
export const forgetGroup = (pgid: number): void => {
  if (reaper !== null && Number.isSafeInteger(pgid) && pgid > 1) tell(`-${pgid}`);
};

/** The reaper's pid, once started (for tests). */
export const reaperPid = (): number | undefined => reaper?.pid;
