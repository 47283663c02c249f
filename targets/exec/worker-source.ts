/**
 * The pipe-owning worker thread of a ChildChannel (channel.ts), as JavaScript source evaluated
 * by `new Worker(WORKER_SOURCE, { eval: true })`. It is a string so that the same code runs
 * under vitest (TypeScript sources) and from dist/ (compiled), with no file to locate.
 *
 * Rules:
 *  1. The worker spawns the child in its own process group (detached: its pid is the group id,
 *     so the suite thread can end it with every process it started), reads its stdout as lines
 *     and its stderr as a bounded tail, and forwards everything to the suite thread as items, in
 *     order, through one shared slot.
 *  2. The slot is `ctrl` (Int32Array: [state, kind, length, more]) plus `data` (bytes). The
 *     worker fills it only when state is EMPTY, then sets FULL and notifies; the suite thread
 *     copies it out, sets EMPTY and posts "ack", upon which the worker writes the next item.
 *     An item longer than `data` goes in chunks, every chunk but the last with more = 1.
 *  3. Items: SPAWNED {pid}, LINE (the raw bytes of one line), EXIT {code, signal, stderr,
 *     partial}, FAULT {message, stderr}. EXIT is the last item, and so is a FAULT when the
 *     child could not be started; a FAULT for an over-long line is followed by EXIT once the
 *     suite thread has killed the child.
 *  4. Messages from the suite thread: {kind:"send", line} writes one line to the child's stdin;
 *     {kind:"ack"} frees the slot; {kind:"end"} closes stdin; {kind:"kill"} sends SIGKILL.
 *  5. The worker never throws: stdin errors (EPIPE after a crash) are ignored, the EXIT item
 *     reports the end.
 *  6. The child registers its own group with the reaper (reaper.ts) before the implementation
 *     starts: it is spawned as \`sh -c\` with the reaper's stdin as its descriptor 3, writes
 *     \`+PID\` there, closes it and execs the command, so no signal to the harness can fall
 *     between a started implementation and its registration (a registration written by the
 *     worker after spawn() returns came too late when the worker thread was descheduled: a
 *     harness killed a moment after the start left the group alive). The worker still writes
 *     \`+PID\` too. A command that cannot be found or run is spawned directly, so the start
 *     error is Node's own (ENOENT, EACCES), as without the prelude.
 *  7. The worker writes its thread id (Linux; 0 elsewhere) to \`ctrl\` before anything else: the
 *     suite thread's waits leave out the time it and the child waited for a CPU (run-delay.ts).
 */

import { currentThreadSource } from "../run-delay.js";

/** Slot states and item kinds shared by the worker and the suite thread. */
export const SLOT = { EMPTY: 0, FULL: 1 } as const;
export const ITEM = { SPAWNED: 1, LINE: 2, EXIT: 3, FAULT: 4 } as const;
/** Indexes in `ctrl`. */
export const CTRL = { STATE: 0, KIND: 1, LENGTH: 2, MORE: 3, TID: 4, SIZE: 5 } as const;

/** The worker's source (CommonJS, evaluated). */
export const WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { spawn } = require("node:child_process");
const { command, args, ctrlBuffer, dataBuffer, maxLine, stderrLimit, reaperFd } = workerData;
const ctrl = new Int32Array(ctrlBuffer);
Atomics.store(ctrl, ${CTRL.TID}, ${currentThreadSource});
const data = new Uint8Array(dataBuffer);
const EMPTY = ${SLOT.EMPTY}, FULL = ${SLOT.FULL};
const SPAWNED = ${ITEM.SPAWNED}, LINE = ${ITEM.LINE}, EXIT = ${ITEM.EXIT}, FAULT = ${ITEM.FAULT};
const queue = [];
let offset = 0;
let ended = false;
let stderrTail = "";
let partial = [];
let partialLength = 0;
let exitInfo = null;

function pump() {
  if (queue.length === 0 || Atomics.load(ctrl, ${CTRL.STATE}) !== EMPTY) return;
  const item = queue[0];
  const n = Math.min(item.bytes.length - offset, data.length);
  data.set(item.bytes.subarray(offset, offset + n), 0);
  offset += n;
  const more = offset < item.bytes.length ? 1 : 0;
  if (more === 0) { queue.shift(); offset = 0; }
  Atomics.store(ctrl, ${CTRL.KIND}, item.kind);
  Atomics.store(ctrl, ${CTRL.LENGTH}, n);
  Atomics.store(ctrl, ${CTRL.MORE}, more);
  Atomics.store(ctrl, ${CTRL.STATE}, FULL);
  Atomics.notify(ctrl, ${CTRL.STATE});
}

function push(kind, bytes) {
  if (ended) return;
  queue.push({ kind, bytes });
  pump();
}
const pushJson = (kind, value) => push(kind, Buffer.from(JSON.stringify(value), "utf8"));
const last = (kind, value) => { pushJson(kind, value); ended = true; };

// Rule 6: can the command be run (found on PATH when it names no directory, executable)?
const fs = require("node:fs");
const pathMod = require("node:path");
const runnable = (cmd) => {
  const ok = (f) => { try { fs.accessSync(f, fs.constants.X_OK); return fs.statSync(f).isFile(); } catch { return false; } };
  if (cmd.includes("/")) return ok(cmd);
  return String(process.env.PATH || "").split(":").some((d) => d !== "" && ok(pathMod.join(d, cmd)));
};
const PRELUDE = 'printf "+%s\\n" "$$" >&3; exec 3>&-; exec "$@"';
const withPrelude = reaperFd > 2 && runnable("/bin/sh") && runnable(command);

let child;
try {
  child = withPrelude
    ? spawn("/bin/sh", ["-c", PRELUDE, "sh", command, ...args], { stdio: ["pipe", "pipe", "pipe", reaperFd], detached: true })
    : spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
} catch (e) {
  last(FAULT, { message: "cannot start: " + String(e && e.message), stderr: "" });
}

if (child !== undefined && typeof child.pid === "number" && child.pid > 1 && reaperFd > 2) {
  try { require("node:fs").writeSync(reaperFd, "+" + child.pid + "\\n"); } catch {}
}
if (child !== undefined) {
  child.on("spawn", () => pushJson(SPAWNED, { pid: child.pid }));
  child.on("error", (e) => {
    if (child.pid === undefined) last(FAULT, { message: "cannot start: " + String(e && e.message), stderr: stderrTail });
  });
  child.stdin.on("error", () => {});
  child.stdout.on("error", () => {});
  child.stderr.on("error", () => {});
  child.stderr.on("data", (chunk) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-stderrLimit);
  });
  child.stdout.on("data", (chunk) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) {
        if (start < chunk.length) {
          partial.push(chunk.subarray(start));
          partialLength += chunk.length - start;
          if (partialLength > maxLine) {
            pushJson(FAULT, { message: "a line longer than " + maxLine + " bytes", stderr: stderrTail });
            partial = [];
            partialLength = 0;
            child.stdout.destroy();
          }
        }
        break;
      }
      const piece = chunk.subarray(start, nl);
      const line = partial.length === 0 ? Buffer.from(piece) : Buffer.concat([...partial, piece]);
      partial = [];
      partialLength = 0;
      push(LINE, line);
      start = nl + 1;
    }
  });
  const finish = () => {
    if (exitInfo === null || exitInfo.reported) return;
    exitInfo.reported = true;
    const rest = Buffer.concat(partial).toString("utf8").slice(0, 2000);
    last(EXIT, { code: exitInfo.code, signal: exitInfo.signal, stderr: stderrTail, partial: rest });
  };
  child.on("exit", (code, signal) => {
    exitInfo = { code, signal, reported: false };
    setTimeout(finish, 200).unref();
  });
  child.on("close", (code, signal) => {
    if (exitInfo === null) exitInfo = { code, signal, reported: false };
    finish();
  });
}

parentPort.on("message", (m) => {
  if (m.kind === "ack") pump();
  else if (m.kind === "send") { if (child !== undefined && child.stdin.writable) child.stdin.write(m.line + "\\n"); }
  else if (m.kind === "end") { if (child !== undefined) child.stdin.end(); }
  else if (m.kind === "kill") { if (child !== undefined) { try { child.kill("SIGKILL"); } catch {} } }
});
`;
