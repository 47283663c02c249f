/**
 * Throwaway implementations for the exec adapter's tests: small Node scripts, written to a temp
 * directory, that speak the start of the protocol (init -> ready) and then misbehave on purpose.
 * Each behaviour is a snippet run for every `call` with `m` (the message), `calls` (how many
 * calls so far, this one included) and `out(obj)` (write one JSON line) in scope.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PRELUDE = `
const out = (m) => process.stdout.write(JSON.stringify(m) + "\\n");
let calls = 0;
let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffered += chunk;
  for (let nl = buffered.indexOf("\\n"); nl >= 0; nl = buffered.indexOf("\\n")) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    onLine(JSON.parse(line));
  }
});
process.stdin.on("end", () => process.exit(0));
function onLine(m) {
  if (m.type === "init") return out({ type: "ready", version: 1 });
  if (m.type === "shutdown") process.exit(0);
  if (m.type !== "call") return;
  calls++;
  behave(m);
}
`;

/** The misbehaviours the tests use. */
export const BEHAVIOURS = {
  /** Answers the first call, then dies on the second with a message on stderr. */
  crashOnSecondCall: `function behave(m) {
    if (calls === 2) { process.stderr.write("boom: simulated crash in the implementation\\n"); process.exit(3); }
    out({ type: "reply", seq: m.seq, result: { ok: true, value: 1 } });
  }`,
  /** Never answers a call, ignores the end of stdin and SIGTERM: only SIGKILL ends it. */
  hang: `process.stdin.removeAllListeners("end"); process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);
  function behave(m) {}`,
  /** Answers with a line that is not JSON. */
  garbage: `function behave(m) { process.stdout.write("this is not json {\\n"); }`,
  /** Answers with JSON that fails the reply codec (an errno that does not exist). */
  badErrno: `function behave(m) { out({ type: "reply", seq: m.seq, result: { ok: false, errno: "EWHAT" } }); }`,
  /** Answers with a seq no call has. */
  wrongSeq: `function behave(m) { out({ type: "reply", seq: m.seq + 100, result: { ok: true, value: null } }); }`,
  /**
   * On `notify`, delivers BIND to "kvm"; then answers the handler's nested call with the seq of
   * the outer notify: out of order. Every other call succeeds.
   */
  outOfOrder: `let outer = null;
  function behave(m) {
    if (m.method === "notify") {
      outer = m.seq;
      out({ type: "deliver", seq: 1, delivery: { event: "BIND", id: 5, spid: null, set: 1, notifier: "kvm" } });
      return;
    }
    out({ type: "reply", seq: outer ?? m.seq, result: { ok: true, value: null } });
  }`,
  /** Delivers to a notifier that was never registered. */
  unknownNotifier: `function behave(m) {
    out({ type: "deliver", seq: 1, delivery: { event: "FREE", id: 5, spid: null, set: 1, notifier: "ghost" } });
  }`,
  /** Writes half a message and exits. */
  partialLine: `function behave(m) { process.stdout.write('{"type":"reply","se'); process.exit(0); }`,
  /** Writes 17 MiB without a newline, then waits forever. */
  endlessLine: `process.stdin.removeAllListeners("end"); process.stdout.on("error", () => {}); setInterval(() => {}, 1000);
  function behave(m) { process.stdout.write("x".repeat(17 << 20)); }`,
  /** Answers forEachIoasid with a reply far bigger than the shared slot (1..120000). */
  bigReply: `function behave(m) {
    const value = Array.from({ length: 120000 }, (_, i) => i + 1);
    out({ type: "reply", seq: m.seq, result: { ok: true, value } });
  }`,
  /** Echoes the arguments of every call back as a string value. */
  echoArgs: `function behave(m) { out({ type: "reply", seq: m.seq, result: { ok: true, value: JSON.stringify(m.args) } }); }`,
} as const;

export type Behaviour = keyof typeof BEHAVIOURS;

/** A temp directory of fake implementations; `remove()` deletes it. */
export class FakeImpls {
  readonly dir = mkdtempSync(join(tmpdir(), "ioasid-exec-"));

  /** The path of a script with this behaviour (run it with `process.execPath`). */
  script(b: Behaviour): string {
    const path = join(this.dir, `${b}.cjs`);
    writeFileSync(path, `${PRELUDE}\n${BEHAVIOURS[b]}\n`);
    return path;
  }

  /** A file in the directory with this content. */
  file(name: string, content: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Is a process with this pid still there (zombies included)? */
export const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
