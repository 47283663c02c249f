/**
 * `validate --report FILE`: per decision, exercised and agreeing or departing, through the real
 * binary. The Python example agrees on every decision; a copy where a FREE_PENDING ID answers
 * like an ALLOCATED one departs from D4 (and the rulings about FREE_PENDING IDs it touches),
 * with each distinct departure shrunk and stored, while the unrelated rulings still agree; the
 * text, JSON and HTML forms all say so.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as t from "io-ts";

const BIN = resolve("bin/ioasid-check.js");
const PYTHON = resolve("examples/python-core/ioasid_core.py");
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 240_000 });

const Report = t.type({
  summary: t.string,
  decisions: t.array(t.type({ id: t.string, status: t.string, traces: t.array(t.string) })),
  departures: t.array(t.type({ class: t.string, decisions: t.array(t.string), trace: t.union([t.string, t.null]) })),
});
const readReport = (file: string): t.TypeOf<typeof Report> => {
  const r = Report.decode(JSON.parse(readFileSync(file, "utf8")));
  if (r._tag === "Left") throw new Error(`${file}: not a conformance report`);
  return r.right;
};
const statusOf = (r: t.TypeOf<typeof Report>, id: string): string => r.decisions.find((d) => d.id === id)?.status ?? "missing";

describe("validate --report", () => {
  it("the Python example: every decision exercised and agreeing", () => {
    const dir = mkdtempSync(join(tmpdir(), "ioasid-conf-"));
    const r = cli(dir, "validate", "--exec", `python3 ${PYTHON}`, "--suite", "core", "--runs", "50", "--seed", "4", "--report", "r.json");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const report = readReport(join(dir, "r.json"));
    const rulings = report.decisions.filter((d) => /^D\d+$/.test(d.id));
    expect(rulings.length).toBeGreaterThanOrEqual(30);
    expect(rulings.filter((d) => d.status !== "agrees").map((d) => `${d.id} ${d.status}`)).toEqual([]);
    expect(report.departures).toEqual([]);
  });

  it("a copy answering on FREE_PENDING IDs departs from D4, each departure shrunk and stored; the text report says so", () => {
    const dir = mkdtempSync(join(tmpdir(), "ioasid-conf-"));
    const text = readFileSync(PYTHON, "utf8");
    const divergent = text.replace('        check(rec.state == ALLOCATED, "ENOENT")\n', "        pass  # divergent: a FREE_PENDING ID answers like an ALLOCATED one\n");
    expect(divergent).not.toBe(text);
    writeFileSync(join(dir, "div.py"), divergent);
    const r = cli(dir, "validate", "--exec", "python3 div.py", "--suite", "core", "--runs", "60", "--seed", "4", "--report", "r.json", "--html", "r.html", "--json");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ conformance: { file: "r.json", departing: expect.any(Number) } });
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toMatch(/<tr id="decision-D4">.*<span class="badge fail">departs<\/span>.*<a href="[^"]+\.json">/);
    expect(html).toMatch(/<tr id="decision-D1">.*<span class="badge pass">agrees<\/span>/);
    const report = readReport(join(dir, "r.json"));
    expect(statusOf(report, "D4")).toBe("departs");
    for (const id of ["D1", "D2", "D6", "D7", "D17", "D18", "D19", "D22", "D28"]) expect(statusOf(report, id), id).toBe("agrees");
    expect(report.departures.length).toBeGreaterThanOrEqual(2);
    expect(report.departures.some((d) => d.decisions.includes("D4") && /at (get|find)/.test(d.class))).toBe(true);
    for (const d of report.departures) expect(d.trace !== null && existsSync(join(dir, d.trace)), d.class).toBe(true);
    for (const d of report.departures.filter((x) => /at (get|find):|handler get_locked/.test(x.class))) expect(d.decisions, d.class).toContain("D4");
    expect(report.decisions.find((d) => d.id === "D4")?.traces.length).toBeGreaterThanOrEqual(1);

    const again = cli(dir, "validate", "--exec", "python3 div.py", "--suite", "core", "--runs", "30", "--seed", "4", "--report", "r.txt");
    expect(again.stdout).toMatch(/conformance report written to r\.txt: \d+ decisions agree, \d+ depart/);
    expect(readFileSync(join(dir, "r.txt"), "utf8")).toMatch(/^D4 +get on FREE_PENDING: departs, \d+ traces?/m);
  });
});
