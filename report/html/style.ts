/**
 * The report's one stylesheet, inlined in the page (no fonts, images or scripts are fetched).
 *
 * Rules:
 *  1. The timeline's text is monospace at FONT_PX, as the layout measures it (layout/metrics.ts).
 *  2. The timeline box scrolls both ways; its header row sticks to the top and its step gutter
 *     to the left (timeline-svg.ts rule 1). Chunks are `content-visibility: auto`.
 *  3. No SVG of the timeline has a border or padding: its box must be exactly its viewBox, or
 *     the drawing would be scaled and shifted against its neighbour (a shadow draws edges).
 *  4. Colours: PASID series c0..c5, heat buckets h0..h5, the diverging band in red.
 */
import { FONT_PX } from "../layout/metrics.js";

/** Rules 1 to 4. */
export const STYLE = `
:root { color-scheme: light; --fg: #1d232b; --muted: #5b6573; --line: #d7dce2; --bad: #b42318; --badbg: #fde8e6; --good: #18794e; --goodbg: #e3f5ec; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: #f6f7f9; }
main { max-width: 1800px; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; } h4 { font-size: 14px; margin: 14px 0 4px; color: var(--muted); }
nav a { margin-right: 14px; } a { color: #1a5fb4; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 13px; }
.pass { color: var(--good); background: var(--goodbg); } .fail { color: var(--bad); background: var(--badbg); }
.warn { color: #8a5a00; background: #fff3d6; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0 10px; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; }
.replay { background: #fff; border: 1px solid var(--line); padding: 6px 10px; display: block; user-select: all; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 8px 0; }
.sides > div { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; }
.sides .expected { background: var(--goodbg); } .sides .actual { background: var(--badbg); }
.sides h4 { margin: 0 0 4px; }
.heat td { text-align: center; min-width: 46px; font-size: 12px; font-variant-numeric: tabular-nums; }
.heat th { font-size: 12px; } .heat th.row { text-align: left; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.heat td.h0 { background: #fafbfc; color: #b0b7c0; } .heat td.h1 { background: #e5f0fb; } .heat td.h2 { background: #c6dcf5; }
.heat td.h3 { background: #9cc2ec; } .heat td.h4 { background: #6aa2e0; color: #fff; } .heat td.h5 { background: #3a7bc8; color: #fff; }
.heat td.gate { outline: 2px solid #1d232b; outline-offset: -2px; }
.heat td.missing { background: var(--badbg); color: var(--bad); font-weight: 700; outline-color: var(--bad); }
.legend { color: var(--muted); font-size: 12.5px; margin: 4px 0 10px; }
.legend span.sw { display: inline-block; width: 14px; height: 10px; margin: 0 3px 0 10px; vertical-align: middle; border: 1px solid var(--line); }
.grids { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.timeline { overflow: auto; max-height: 78vh; border: 1px solid var(--line); background: #fff; position: relative; margin: 8px 0; }
.tl-inner { position: relative; }
.tl-head { position: sticky; top: 0; z-index: 3; display: flex; background: #eef1f4; border-bottom: 1px solid var(--line); }
.tl-chunk { display: flex; position: relative; content-visibility: auto; }
.tl-gutter { position: sticky; left: 0; z-index: 2; background: #f4f6f8; box-shadow: inset -1px 0 var(--line); flex: none; }
.tl-head .tl-gutter { background: #eef1f4; z-index: 4; }
.tl-body { flex: none; }
.timeline text { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: ${FONT_PX}px; fill: #1d232b; white-space: pre; }
.timeline text.lh { font-weight: 700; } .timeline text.gl { fill: var(--muted); } .timeline text.gl.step { fill: #1d232b; font-weight: 700; }
.timeline text.ct { fill: #3d2a7a; } .timeline text.rt { fill: #0b5d50; } .timeline text.bt { font-weight: 700; fill: var(--muted); }
.timeline text.mark { fill: var(--bad); font-size: 10px; }
.timeline rect.lane-0 { fill: #ffffff; } .timeline rect.lane-1 { fill: #f9fafb; } .timeline rect.refbg { fill: #f7fbfa; }
.timeline rect.lane-h { fill: #eef1f4; stroke: var(--line); }
.timeline rect.shade { fill: #1d232b; fill-opacity: 0.035; } .timeline rect.div { fill: #e5484d; fill-opacity: 0.16; }
.timeline path.sep { stroke: #e3e7ec; stroke-width: 1; fill: none; } .timeline path.band { stroke: #c2c8d0; stroke-dasharray: 4 3; }
.timeline path.ar { stroke: #8a94a3; stroke-width: 1; fill: #8a94a3; }
.timeline path.ar.return { stroke-dasharray: 3 2; } .timeline path.ar.delivery { stroke: #6e56cf; fill: #6e56cf; }
.timeline path.bar { stroke: #6e56cf; stroke-opacity: 0.55; stroke-width: 2; fill: none; }
.timeline polyline.rf { fill: none; stroke-width: 2; } .timeline polyline.rf.pend { stroke-dasharray: 4 3; }
.timeline circle.rm { fill: #fff; stroke-width: 2; }
.timeline g.c0 { stroke: #1a7f64; } .timeline g.c1 { stroke: #c2410c; } .timeline g.c2 { stroke: #1d4ed8; }
.timeline g.c3 { stroke: #a21caf; } .timeline g.c4 { stroke: #4d7c0f; } .timeline g.c5 { stroke: #b45309; }
.anchor { position: absolute; left: 0; width: 100%; pointer-events: none; scroll-margin-top: 40px; }
`;
