/**
 * The report in a real browser (headless Chromium, report/browser.ts): a stored counterexample
 * rendered by the real binary (`show --format html`) loads with no console error and no request,
 * shows every lane and step label with no two labels overlapping, and its diverging step is on
 * screen; a long trace scrolls, its chunks draw their labels, and its diverging step is reached
 * from the link. Screenshots go to reports/ for a human to look at.
 *
 * Chromium missing is a failure, never a skip: CI installs it (.ci/run).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTimeline } from "../counterexamples/show/index.js";
import { readTrace } from "../counterexamples/store.js";
import { CHROMIUM, hasChromium, openReport } from "./browser.js";
import type { OpenedReport } from "./browser.js";
import { laneColumns, laneName } from "./layout/lanes.js";
import { renderReport } from "./render.js";
import { reportCounterexample } from "./build-counterexample.js";
import { CORPUS_FILE, longCoreTrace } from "./fixtures.js";

const SHOTS = "reports";

interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly text: string }

/** A page-side filter: the chunks at least partly on screen (the others are not laid out). */
const ON_SCREEN = "(c) => { const b = c.getBoundingClientRect(); return b.bottom > 0 && b.top < window.innerHeight; }";

/** The client boxes of the labels of the header and the chunks on screen, with their text. */
const labelBoxes = (r: OpenedReport, selector: string): Promise<Box[]> => r.page.evaluate(`[document.querySelector(".tl-head"), ...[...document.querySelectorAll(".tl-chunk")].filter(${ON_SCREEN})]
  .flatMap((c) => [...c.querySelectorAll(${JSON.stringify(selector)})])
  .filter((t) => t.textContent !== "")
  .map((t) => { const b = t.getBoundingClientRect(); const own = [...t.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("");
    return { x: b.x, y: b.y, w: b.width, h: b.height, text: own }; })`);

const overlapping = (boxes: readonly Box[]): string[] => {
  const out: string[] = [];
  const sorted = [...boxes].sort((a, b) => a.y - b.y);
  for (const [i, a] of sorted.entries()) {
    for (const b of sorted.slice(i + 1)) {
      if (b.y >= a.y + a.h - 1) break;
      const tol = 0.5; // sub-pixel rounding of adjacent glyph boxes
      if (a.x < b.x + b.w - tol && b.x < a.x + a.w - tol && a.y < b.y + b.h - tol && b.y < a.y + a.h - tol) out.push(`"${a.text}" / "${b.text}"`);
    }
  }
  return out;
};

/** Labels drawn past the right edge of the lane they start in (the rects of each chunk's body). */
const outsideLanes = (r: OpenedReport): Promise<string[]> => r.page.evaluate(`[...document.querySelectorAll(".tl-chunk")].filter(${ON_SCREEN}).map((c) => c.querySelector(".tl-body")).flatMap((svg) => {
  const lanes = [...svg.querySelectorAll("rect.lane")].map((l) => l.getBoundingClientRect());
  return [...svg.querySelectorAll("text.t, text.ct, text.rt")].flatMap((t) => {
    const b = t.getBoundingClientRect();
    if (b.width === 0) return [];
    const lane = lanes.find((l) => b.left >= l.left - 0.5 && b.left < l.right);
    return lane !== undefined && b.right <= lane.right + 0.5 ? [] : [t.textContent];
  });
})`);

/** Body labels not level with any gutter label: the gutter and the body drawn out of step. */
const misaligned = (r: OpenedReport): Promise<string[]> => r.page.evaluate(`[...document.querySelectorAll(".tl-chunk")].filter(${ON_SCREEN}).flatMap((c) => {
  const [gutter, body] = c.querySelectorAll("svg");
  const tops = [...gutter.querySelectorAll("text.gl")].map((t) => t.getBoundingClientRect().top);
  return [...body.querySelectorAll("text")].filter((t) => t.getBoundingClientRect().width > 0)
    .filter((t) => !tops.some((y) => Math.abs(y - t.getBoundingClientRect().top) < 1)).map((t) => t.textContent);
})`);

const tmp = mkdtempSync(join(tmpdir(), "ioasid-report-"));

describe("the HTML report in headless Chromium", () => {
  beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  it("has Chromium to run in", () => {
    expect(hasChromium(), `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium), as .ci/run does`).toBe(true);
  });

  describe("a stored counterexample, rendered by the binary", () => {
    let r: OpenedReport | null = null;
    const page = (): OpenedReport => {
      if (r === null) throw new Error("the report did not open");
      return r;
    };
    const t = buildTimeline(readTrace(CORPUS_FILE));

    beforeAll(async () => {
      const out = spawnSync(process.execPath, ["bin/ioasid-check.js", "show", CORPUS_FILE, "--format", "html"], { encoding: "utf8", maxBuffer: 1 << 26, timeout: 240_000, killSignal: "SIGKILL" });
      expect(out.status, out.stderr).toBe(0);
      const file = join(tmp, "show.html");
      writeFileSync(file, out.stdout);
      r = await openReport(file);
    }, 120_000);
    afterAll(async () => {
      await r?.close();
    });

    it("loads with no console error and no request for anything", () => {
      expect(page().errors).toEqual([]);
      expect(page().requests).toEqual([]);
    });

    it("has every lane's name and every step's label in the DOM", async () => {
      const texts: string[] = await page().page.evaluate(`[...document.querySelectorAll(".timeline text")].map((t) => t.textContent)`);
      for (const c of laneColumns(t)) expect(texts).toContain(laneName(c));
      for (const row of t.rows) expect(texts).toContain(row.label);
    });

    it("draws no two labels over each other", async () => {
      await page().page.locator(".timeline").scrollIntoViewIfNeeded();
      const boxes = await labelBoxes(page(), "text:not(.mark)");
      expect(boxes.length).toBeGreaterThan(t.rows.length);
      expect(overlapping(boxes)).toEqual([]);
      expect(await outsideLanes(page())).toEqual([]);
      expect(await misaligned(page())).toEqual([]);
    });

    it("shows the diverging step on screen, and saves a screenshot", async () => {
      const anchor = page().page.locator(".anchor[id$='-diverge']");
      await expect(anchor.count()).resolves.toBe(1);
      expect(await anchor.isVisible()).toBe(true);
      const inView: boolean = await page().page.evaluate(`(() => { const a = document.querySelector(".anchor[id$='-diverge']").getBoundingClientRect();
        const tl = document.querySelector(".timeline").getBoundingClientRect(); return a.height > 0 && a.top >= tl.top && a.bottom <= tl.bottom; })()`);
      expect(inView).toBe(true);
      await page().page.locator(".cx").first().screenshot({ path: join(SHOTS, "report-counterexample.png") });
      await page().page.screenshot({ path: join(SHOTS, "report-page.png"), fullPage: true });
    });
  });

  describe("a 2,000-step trace", () => {
    let r: OpenedReport | null = null;
    const page = (): OpenedReport => {
      if (r === null) throw new Error("the report did not open");
      return r;
    };

    beforeAll(async () => {
      const cx = reportCounterexample({ id: "cx-long", title: "long", implementation: "spec", trace: longCoreTrace(2000), replay: [], shrinkUpTo: 0 });
      const file = join(tmp, "long.html");
      writeFileSync(file, renderReport({ title: "long", summary: { command: "test", target: "spec", seed: null, ms: 0, result: "fail", suites: [], stored: null }, counterexamples: [cx] }));
      r = await openReport(file);
    }, 120_000);
    afterAll(async () => {
      await r?.close();
    });

    it("scrolls: the chunks in the middle draw readable, non-overlapping labels", async () => {
      expect(page().errors).toEqual([]);
      await page().page.evaluate(`(() => { const tl = document.querySelector(".timeline"); tl.scrollTop = tl.scrollHeight / 2; })()`);
      await page().page.waitForTimeout(100);
      const visible: Box[] = (await labelBoxes(page(), "text.t, text.ct, text.gl"))
        .filter((b) => b.y > 150 && b.y < 900 && b.w > 0);
      expect(visible.length).toBeGreaterThan(40);
      expect(overlapping(visible)).toEqual([]);
      expect(await outsideLanes(page())).toEqual([]);
      expect(await misaligned(page())).toEqual([]);
      await page().page.locator(".timeline").screenshot({ path: join(SHOTS, "report-long-middle.png") });
    });

    it("reaches the diverging step at the end", async () => {
      await page().page.locator("a[href='#cx-long-diverge']").click();
      const inView: boolean = await page().page.evaluate(`(() => { const a = document.getElementById("cx-long-diverge").getBoundingClientRect();
        return a.height > 0 && a.top >= 0 && a.bottom <= window.innerHeight; })()`);
      expect(inView).toBe(true);
    });
  });
});
