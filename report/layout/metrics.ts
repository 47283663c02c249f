/**
 * The fixed metrics of the timeline drawing, in CSS pixels. Text is monospace, so a label's
 * width is its length times CHAR_W; the renderer's CSS sets the same font size.
 *
 * Rules:
 *  1. CHAR_W is a little wider than the common monospace fonts' advance (0.600 to 0.602 em), so
 *     a label never takes more room than the layout gave it; PAD on each side of a lane absorbs
 *     the rest.
 *  2. Every row is ROW_H tall and holds at most one label per lane: labels of one lane cannot
 *     overlap vertically, and fitting (fit.ts) keeps them inside their lane horizontally.
 */

/** Font size of every label. */
export const FONT_PX = 12;
/** Rule 1: the width the layout reserves per character. */
export const CHAR_W = 7.25;
/** Rule 2. */
export const ROW_H = 18;
/** Where a label's baseline sits below its row's top. */
export const BASELINE = 13;
/** Space on each side of a lane's labels. */
export const PAD = 6;
/** Height of the lane header. */
export const HEADER_H = 24;
/** Characters of indentation per nesting level, and the deepest level indented. */
export const INDENT_CHARS = 2;
export const MAX_INDENT_DEPTH = 4;
/** A lane's text width, in characters, is its longest cell clamped to these bounds. */
export const LANE_MIN_CHARS = 12;
export const LANE_MAX_CHARS = 32;
/** The lanes together hold at most this many characters (wider lanes give way first), so a
 * timeline with its gutter and Ref column fits a 1440-pixel screen. */
export const LANES_BUDGET_CHARS = 140;
/** The step gutter's label width bounds, in characters. */
export const GUTTER_MIN_CHARS = 5;
export const GUTTER_MAX_CHARS = 16;
/** The Ref lane: the step plot's width, and the characters of its value column. */
export const REF_PLOT_W = 84;
export const REF_TEXT_CHARS = 7;

