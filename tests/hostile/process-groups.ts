/**
 * Process checks for the hostile tables: which live processes are in a process group (read from
 * /proc, zombies and exiting processes excluded: a container's pid 1 may not reap orphans), and
 * polling with a deadline.
 */
import { readdirSync, readFileSync } from "node:fs";

/** The pids of live (not zombie) processes whose process group is `pgid` (Linux /proc). */
export const groupMembers = (pgid: number): readonly number[] => {
  const members: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && isLive(Number(name))) members.push(Number(name));
  }
  return members;
};

/**
 * Is `pid` a live process? Zombies count as gone, and so does a process that is exiting: its
 * memory is released (empty cmdline) before it becomes a zombie, which on a loaded machine can
 * take seconds after a SIGKILL.
 */
export const isLive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X" && readFileSync(`/proc/${pid}/cmdline`, "utf8") !== "";
  } catch {
    return false;
  }
};

/** Poll `cond` every 50 ms until it holds or `ms` pass; whether it held. */
export const waitFor = async (cond: () => boolean, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms;
  for (;;) {
    if (cond()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
};
