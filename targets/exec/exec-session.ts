/**
 * An exec session: one implementation process serving many cores in turn (exec-core.ts rule 5),
 * and the standalone form with one process per core.
 */
import type { IoasidCore } from "../../api/core.js";
import type { CoreConfig } from "../../properties/core/suite.js";
import { stoppingFactory } from "../stopped-core.js";
import { ExecCore, startupWait } from "./exec-core.js";
import type { ExecCoreOptions, ExecOptions } from "./exec-core.js";
import { ChildChannel } from "./channel.js";
import { ExecFailure } from "./exec-failure.js";

/**
 * One implementation process serving many cores in turn (rule 5): `core(config)` resets it with
 * `init` and hands out a fresh core; `close()` ends the process.
 */
export class ExecSession {
  private channel: ChildChannel | null = null;
  /** Once a process had to be replaced, the next replacement, started ahead (see liveChannel). */
  private spare: ChildChannel | null = null;
  private current: ExecCore | null = null;
  private closed = false;

  constructor(
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly opts: ExecOptions,
  ) {}

  /** The pid of the current process, if one runs. */
  get pid(): number | undefined {
    return this.channel?.pid;
  }

  /** A fresh core on the (possibly restarted) process. `standalone`: closing the core closes the session. */
  core(config: CoreConfig, standalone = false): ExecCore {
    if (this.closed) throw new ExecFailure(`init (capacity ${config.capacity})`, "the exec session is closed", "");
    this.current?.detach("a newer core of the same session reset the process");
    const fresh = this.channel === null || !this.channel.open;
    const channel = this.liveChannel();
    const core = new ExecCore(channel, this.opts.timeoutMs, standalone ? () => this.close() : () => {});
    this.current = core;
    core.init(config, fresh ? startupWait(this.opts) : this.opts.timeoutMs);
    return core;
  }

  /**
   * The core factory the suites run on. The first core is made at once: a process that cannot
   * start or never says ready throws here (an input error). After that the factory never throws:
   * a core that cannot be made is a stopped core whose every call throws the ExecFailure, which
   * the suites report as the core's crash at that step (targets/README.md rule 2).
   */
  factory(first: CoreConfig): (config: CoreConfig) => IoasidCore {
    this.core(first);
    return stoppingFactory((config: CoreConfig) => this.core(config), (e): e is ExecFailure => e instanceof ExecFailure);
  }

  /** End the process: `shutdown`, then end of stdin, then SIGKILL (channel.ts). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.current?.detach("the exec session was closed");
    if (this.channel !== null && this.channel.open) this.channel.send(JSON.stringify({ type: "shutdown" }));
    this.channel?.stop(true);
    this.spare?.stop(false);
    this.spare = null;
  }

  /**
   * The live process, started when there is none. Once a process had to be replaced, a spare is
   * started ahead for the next replacement, so that shrinking a crash (one replacement per
   * failing attempt) does not wait for a process start each time.
   */
  private liveChannel(): ChildChannel {
    if (this.channel !== null && this.channel.open) return this.channel;
    const replacing = this.channel !== null;
    this.channel?.stop(false);
    this.channel = null;
    const spare = this.spare !== null && this.spare.open ? this.spare : null;
    this.spare = null;
    const started = spare ?? ChildChannel.start(this.command, this.args, startupWait(this.opts));
    if ("error" in started) {
      throw new ExecFailure(`start of ${[this.command, ...this.args].join(" ")}`, started.error, started.stderr);
    }
    this.channel = started;
    if (replacing) {
      const next = ChildChannel.start(this.command, this.args, startupWait(this.opts));
      if (!("error" in next)) this.spare = next;
    }
    return started;
  }
}

/** An IoasidCore backed by its own implementation process; `close()` ends the process. */
export const createExecCore = (command: string, args: readonly string[], opts: ExecCoreOptions): ExecCore =>
  new ExecSession(command, args, { timeoutMs: opts.timeoutMs, ...(opts.startupMs === undefined ? {} : { startupMs: opts.startupMs }) }).core(opts.config, true);
