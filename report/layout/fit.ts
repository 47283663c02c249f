/**
 * Fitting a label into a number of characters.
 *
 * Rules:
 *  1. A text that fits is kept; a longer one is cut and ends with "…", so the shown text is
 *     never longer than the room. Length counts code points (what a monospace font draws).
 *  2. Room below one character shows nothing.
 */

const ASCII = /^[\u0020-\u007e]*$/;

/** The number of characters `text` draws. */
export const charCount = (text: string): number => (ASCII.test(text) ? text.length : Array.from(text).length);

/** Rules 1 and 2. */
export const fit = (text: string, room: number): string => {
  if (charCount(text) <= room) return text;
  if (room < 1) return "";
  const head = ASCII.test(text) ? text.slice(0, room - 1) : Array.from(text).slice(0, room - 1).join("");
  return `${head}…`;
};
