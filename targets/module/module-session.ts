/**
 * A module core run in a worker thread (worker-source.ts) behind a synchronous proxy, so that a
 * core which hangs, ends its thread or throws something unprintable is the core's failure at
 * that step, never a hung or silently ended harness.
 *
 * Rules:
 *  1. Every method the core object has (own or inherited, any name) is forwarded by name: the
 *     proxy has exactly the core's methods, so optional methods of api/core.ts pass through
 *     unchanged. The IoasidCore methods must all be there (targets/README.md rule 1).
 *  2. Every wait for the worker is bounded by `timeoutMs` (the `--timeout` of --exec), the
 *     worker's start and module load by `startupMs`, leaving out the time the worker waited for
 *     a CPU on a busy machine (targets/run-delay.ts, at most 3x the bound more). A call that gets no reply in time, or whose
 *     code ends the worker (`process.exit`), fails with a ModuleFailure naming the step (method,
 *     seq, arguments, and the callbacks it is nested in); the worker is terminated and every core
 *     it made is stopped. The next core gets a fresh worker (the module is loaded again).
 *  3. A method that throws (whatever it throws) fails that call with an Error carrying the
 *     described value, as an in-process core's throw would: the suites report a crash there.
 *  4. Loading: a missing file, a module that does not import, exports no createCore, ends its
 *     thread or does not finish loading in time, or whose first createCore fails, is a
 *     ModuleError naming the module (an input error, exit 2). After that first core, the factory
 *     never throws: a core that cannot be made is a stopped core (../stopped-core.ts) whose
 *     calls throw the failure, a crash at the first step.
 *  5. One core at a time per session (as exec-session.ts): a new core releases the previous one.
 *  6. Once a worker had to be replaced, a spare worker loads the module in the background, so
 *     the next replacement (shrinking a crash replaces one per failing attempt) costs no load.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { IoasidCore } from "../../api/core.js";
import type { CoreConfig } from "../../properties/core/suite.js";
import { stoppingFactory } from "../stopped-core.js";
import { ModuleError } from "./load-module.js";
import { describeFrame, ModuleFailure, WorkerLink } from "./worker-link.js";

export { ModuleFailure } from "./worker-link.js";

/** Options of a module session. */
export interface ModuleOptions {
  /** The longest wait for any one reply from the module's code. */
  readonly timeoutMs: number;
  /** The longest wait for the worker to start and load the module (default max(timeoutMs, 10 s)). */
  readonly startupMs?: number;
}

/** The least time a fresh worker gets to load the module. */
export const MODULE_STARTUP_FLOOR_MS = 10_000;

/** A module loaded in a worker, making cores (rules 4, 5). */
export class ModuleSession {
  private link: WorkerLink | null = null;
  private spare: WorkerLink | null = null;
  private readonly url: string;
  private closed = false;

  private constructor(private readonly path: string, private readonly opts: ModuleOptions) {
    this.url = pathToFileURL(resolve(path)).href;
  }

  /** Load `path` in a worker and make its first core (a ModuleError when that fails, rule 4). */
  static open(path: string, opts: ModuleOptions, first: CoreConfig = { capacity: 24 }): ModuleSession {
    const file = resolve(path);
    if (!existsSync(file)) throw new ModuleError(`${path}: no such file`);
    const s = new ModuleSession(path, opts);
    const core = s.tryCore(first);
    if (core instanceof ModuleFailure || typeof core === "string") {
      s.close();
      const why = (typeof core === "string" ? core : core.what.startsWith("createCore") ? core.what : `${core.step}: ${core.what}`).replace(/\s*\n\s*/g, " ");
      const hint = file.endsWith(".ts") && why.startsWith("cannot be imported") ? "; compile TypeScript to JavaScript first" : "";
      throw new ModuleError(`${path}: ${why}${hint}`);
    }
    return s;
  }

  private startupMs(): number {
    return this.opts.startupMs ?? Math.max(this.opts.timeoutMs, MODULE_STARTUP_FLOOR_MS);
  }

  /** A core, a failure making it, or (as a string) why the module did not load. */
  private tryCore(config: CoreConfig): IoasidCore | ModuleFailure | string {
    if (this.closed) return new ModuleFailure(describeFrame({ kind: "create", seq: 0, capacity: config.capacity }), "the module session is closed");
    if (this.link === null || this.link.dead !== null) {
      const replacing = this.link !== null;
      const link = this.spare ?? new WorkerLink(this.url, this.opts.timeoutMs);
      this.spare = null;
      const failed = link.load(this.startupMs());
      if (failed !== null) return failed;
      this.link = link;
      if (replacing) this.spare = new WorkerLink(this.url, this.opts.timeoutMs);
    }
    return this.link.create(config);
  }

  /** A core; throws a ModuleFailure when it cannot be made. */
  core(config: CoreConfig): IoasidCore {
    const core = this.tryCore(config);
    if (typeof core === "string") throw new ModuleFailure(describeFrame({ kind: "create", seq: 0, capacity: config.capacity }), `the module did not load again: ${core}`);
    if (core instanceof ModuleFailure) throw core;
    return core;
  }

  /** The factory the suites run on: never throws (rule 4). */
  factory(): (config: CoreConfig) => IoasidCore {
    return stoppingFactory((config: CoreConfig) => this.core(config), (e): e is ModuleFailure => e instanceof ModuleFailure);
  }

  /** The export the module's cores come from: createCore when it has one, else default. */
  get exportName(): string {
    return this.link?.exportName ?? "createCore";
  }

  /** End the worker. Idempotent. */
  close(): void {
    this.closed = true;
    this.link?.stop("the module session was closed");
    this.spare?.stop("the module session was closed");
    this.spare = null;
  }

  /** The module's path, as given. */
  get name(): string {
    return this.path;
  }
}
