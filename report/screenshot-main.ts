/**
 * `npm run report-screenshot`: the README's picture of a real counterexample's timeline —
 * `show --format html` of a stored trace, opened in headless Chromium, the counterexample's
 * section captured to docs/report-timeline.png.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTrace } from "../counterexamples/store.js";
import { renderReport } from "./render.js";
import { traceReport } from "./build-show.js";
import { openReport } from "./browser.js";

const TRACE = "counterexamples/corpus/system-vdcm-release-before-clear.json";
const OUT = "docs/report-timeline.png";

const file = join(mkdtempSync(join(tmpdir(), "ioasid-shot-")), "report.html");
writeFileSync(file, renderReport(traceReport(TRACE, readTrace(TRACE))));
const r = await openReport(file, { width: 1480, height: 1000 });
try {
  await r.page.locator(".cx").first().screenshot({ path: OUT });
  console.log(`${OUT} written from ${TRACE}`);
} finally {
  await r.close();
}
