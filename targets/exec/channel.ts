/**
 * ChildChannel: a synchronous line channel to a child process. A worker thread owns the child and
 * its pipes (worker-source.ts); the calling thread blocks in `Atomics.wait` on a shared slot
 * until the worker has an item for it, so synchronous code (the suites) can talk to an
 * asynchronous process.
 *
 * Rules:
 *  1. `receive` waits at most the time it is given, leaving out the time the relay thread and
 *     the child waited for a CPU on a busy machine (run-delay.ts: at most 3x that time more), and
 *     returns null when nothing came: no wait is unbounded.
 *  2. `stop` ends the child for good: a polite end of stdin (when asked), then SIGKILL to its
 *     whole process group (the child runs in its own group, worker-source.ts rule 1, so what it
 *     started dies with it, even after the child itself exited politely), then a bounded wait
 *     for its exit (so it is reaped, not left a zombie), then the worker is terminated. It is
 *     idempotent.
 *  3. Every live child's group is killed when the harness process exits, whatever state it is
 *     in; if the harness dies by a signal, the reaper (reaper.ts) ends the groups.
 *  4. Items the worker describes in JSON (SPAWNED, EXIT, FAULT) are decoded with codecs.
 */
import { Worker } from "node:worker_threads";
import * as t from "io-ts";
import { CTRL, ITEM, SLOT, WORKER_SOURCE } from "./worker-source.js";
import { forgetGroup, reaperFd, watchGroup } from "./reaper.js";
import type { ThreadRef } from "../run-delay.js";
import { Deadline } from "../run-delay.js";

/** The size of the shared slot; longer items travel in chunks. */
const SLOT_BYTES = 1 << 16;
/** A line longer than this is a protocol fault. */
const MAX_LINE_BYTES = 1 << 24;
/** How much of the child's stderr is kept. */
const STDERR_TAIL_CHARS = 4000;

const Spawned = t.type({ pid: t.number });
const Exited = t.type({ code: t.union([t.number, t.null]), signal: t.union([t.string, t.null]), stderr: t.string, partial: t.string });
const Fault = t.type({ message: t.string, stderr: t.string });

/** How the child ended. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderr: string;
  /** Output after the last newline, if any. */
  readonly partial: string;
}

/** One item from the worker. */
export type ChannelItem =
  | { readonly kind: "line"; readonly text: string }
  | { readonly kind: "exit"; readonly exit: ChildExit }
  | { readonly kind: "fault"; readonly message: string; readonly stderr: string };

// ---- rule 3: kill every live child when the harness exits
const livePids = new Set<number>();
let exitHookInstalled = false;
/** SIGKILL the child's process group (rule 2), and the child itself should it have left it. */
const killQuietly = (pid: number): void => {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // already gone
    }
  }
};
const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of livePids) killQuietly(pid);
  });
};

/** The raw item the slot held, before decoding. */
interface RawItem {
  readonly kind: number;
  readonly bytes: Buffer;
}

/** A synchronous channel to one child process. */
export class ChildChannel {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(CTRL.SIZE * Int32Array.BYTES_PER_ELEMENT));
  private readonly data = new Uint8Array(new SharedArrayBuffer(SLOT_BYTES));
  private readonly worker: Worker;
  private childPid: number | undefined;
  private ended: ChildExit | null = null;
  private stopped = false;
  /** The last wait, for a timeout's message (`waitNote`). */
  private lastWait: Deadline | null = null;
  /** What a wait watches (rule 1): the relay thread, once it said which, and the child. */
  private readonly watched = (): readonly ThreadRef[] => {
    const tid = Atomics.load(this.ctrl, CTRL.TID);
    return [...(tid === 0 ? [] : [{ pid: process.pid, tid }]), ...(this.childPid === undefined ? [] : [{ pid: this.childPid, tid: this.childPid }])];
  };

  private constructor(command: string, args: readonly string[]) {
    installExitHook();
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        reaperFd: reaperFd(),
        command, args: [...args], ctrlBuffer: this.ctrl.buffer, dataBuffer: this.data.buffer,
        maxLine: MAX_LINE_BYTES, stderrLimit: STDERR_TAIL_CHARS,
      },
    });
    this.worker.unref();
    this.worker.on("error", () => {
      // The worker reports through the slot; a worker that dies shows as a timeout.
    });
  }

  /**
   * Start `command args` and wait (at most `timeoutMs`) until it runs. The channel, or why it
   * could not start.
   */
  static start(command: string, args: readonly string[], timeoutMs: number): ChildChannel | { readonly error: string; readonly stderr: string } {
    const ch = new ChildChannel(command, args);
    const raw = ch.receiveRaw(timeoutMs);
    if (raw !== null && raw.kind === ITEM.SPAWNED) {
      const d = Spawned.decode(parseJson(raw.bytes));
      if (d._tag === "Right") {
        ch.childPid = d.right.pid;
        livePids.add(d.right.pid);
        watchGroup(d.right.pid);
        return ch;
      }
    }
    const item = raw === null ? null : ch.decodeItem(raw);
    ch.stop(false);
    if (item === null) return { error: `the process did not start within ${timeoutMs} ms`, stderr: "" };
    if (item.kind === "fault") return { error: item.message, stderr: item.stderr };
    if (item.kind === "exit") return { error: describeExit(item.exit), stderr: item.exit.stderr };
    return { error: "the worker sent output before the process started", stderr: "" };
  }

  /** What a timeout message adds about the last wait: how much longer it was allowed (run-delay.ts). */
  waitNote(): string {
    return this.lastWait?.note() ?? "";
  }

  /** The child's pid. */
  get pid(): number | undefined {
    return this.childPid;
  }

  /** Is the channel usable (not stopped, the child not known to have ended)? */
  get open(): boolean {
    return !this.stopped && this.ended === null;
  }

  /** How the child ended, once known. */
  get exit(): ChildExit | null {
    return this.ended;
  }

  /** Write one line to the child's stdin (the newline is added). */
  send(line: string): void {
    if (!this.stopped) this.worker.postMessage({ kind: "send", line });
  }

  /** The next item, or null after `timeoutMs` without one (rule 1). */
  receive(timeoutMs: number): ChannelItem | null {
    const raw = this.receiveRaw(timeoutMs);
    return raw === null ? null : this.decodeItem(raw);
  }

  /** Rule 2. Returns how the child ended, when that was seen. */
  stop(polite: boolean, politeMs = 300, killMs = 700): ChildExit | null {
    if (this.stopped) return this.ended;
    if (this.ended === null && this.childPid !== undefined) {
      if (polite) {
        this.worker.postMessage({ kind: "end" });
        this.awaitExit(politeMs);
      }
      killQuietly(this.childPid);
      if (this.ended === null) this.awaitExit(killMs);
    } else if (this.childPid !== undefined) {
      killQuietly(this.childPid);
    }
    this.stopped = true;
    if (this.childPid !== undefined) {
      livePids.delete(this.childPid);
      forgetGroup(this.childPid);
    }
    void this.worker.terminate();
    return this.ended;
  }

  /** Drain items until the EXIT item or the deadline. */
  private awaitExit(ms: number): void {
    const deadline = Date.now() + ms;
    while (this.ended === null) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      if (this.receive(left) === null) return;
    }
  }

  private decodeItem(raw: RawItem): ChannelItem {
    if (raw.kind === ITEM.LINE) return { kind: "line", text: raw.bytes.toString("utf8") };
    if (raw.kind === ITEM.EXIT) {
      const d = Exited.decode(parseJson(raw.bytes));
      const exit: ChildExit = d._tag === "Right" ? d.right : { code: null, signal: null, stderr: "", partial: "" };
      this.ended = exit;
      return { kind: "exit", exit };
    }
    if (raw.kind === ITEM.FAULT) {
      const d = Fault.decode(parseJson(raw.bytes));
      return d._tag === "Right" ? { kind: "fault", ...d.right } : { kind: "fault", message: "unreadable fault report", stderr: "" };
    }
    return { kind: "fault", message: `unexpected item kind ${raw.kind}`, stderr: "" };
  }

  /** One whole item from the slot (chunks joined), or null at the deadline. */
  private receiveRaw(timeoutMs: number): RawItem | null {
    const deadline = new Deadline(timeoutMs, this.watched);
    this.lastWait = deadline;
    const parts: Buffer[] = [];
    for (;;) {
      if (Atomics.load(this.ctrl, CTRL.STATE) === SLOT.FULL) {
        const kind = Atomics.load(this.ctrl, CTRL.KIND);
        const length = Atomics.load(this.ctrl, CTRL.LENGTH);
        const more = Atomics.load(this.ctrl, CTRL.MORE);
        parts.push(Buffer.from(this.data.subarray(0, length)));
        Atomics.store(this.ctrl, CTRL.STATE, SLOT.EMPTY);
        this.worker.postMessage({ kind: "ack" });
        if (more === 0) return { kind, bytes: parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts) };
        continue;
      }
      const left = deadline.left();
      if (left <= 0) return null;
      Atomics.wait(this.ctrl, CTRL.STATE, SLOT.EMPTY, left);
    }
  }
}

const parseJson = (b: Buffer): unknown => {
  try {
    const v: unknown = JSON.parse(b.toString("utf8"));
    return v;
  } catch {
    return undefined;
  }
};

/** "exited with code 3" / "was killed by SIGKILL". */
export const describeExit = (e: ChildExit): string =>
  e.signal !== null ? `the process was killed by ${e.signal}` : `the process exited with code ${String(e.code)}`;
