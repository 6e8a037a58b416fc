/** `REQUEST_MAX_JSON_DEPTH`'s default: far deeper than any real request, far from a stack overflow. */
export const DEFAULT_MAX_JSON_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * A body nesting deeper than allowed, shaped like body-parser's errors (`type`, `status`), so
 * every surface's error mapping answers it with 400 in its own shape (`bodyProblem`).
 */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
  readonly expose = true;
  constructor(readonly maxDepth: number) {
    super(
      `The JSON body nests deeper than ${maxDepth} levels (REQUEST_MAX_JSON_DEPTH); flatten it.`,
    );
    this.name = 'JsonTooDeepError';
  }
}

/**
 * Throws {@link JsonTooDeepError} when the JSON text (a string, or UTF-8 bytes as express's
 * `verify` hook gets them) opens more than `maxDepth` objects/arrays at once. Run it on a raw
 * body before parsing it: handlers, the translator and the logger walk values recursively, and
 * a 20 KB body can nest thousands of levels. Every route that parses a body itself must call it.
 */
export function assertJsonDepth(text: string | Uint8Array, maxDepth: number): void {
  const deep =
    typeof text === 'string' ? stringExceeds(text, maxDepth) : bytesExceed(text, maxDepth);
  if (deep) throw new JsonTooDeepError(maxDepth);
}

/**
 * One pass, no recursion, no allocation: brackets are counted outside strings, and a string is
 * skipped with `indexOf` to its closing quote (long texts and base64 images cost a native scan).
 * Malformed JSON is left to the parser.
 */
function stringExceeds(text: string, maxDepth: number): boolean {
  if (text.length <= maxDepth) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = text.indexOf('"', i + 1);
      while (i !== -1 && escaped(text, i)) i = text.indexOf('"', i + 1);
      if (i === -1) return false;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** {@link stringExceeds} over UTF-8 bytes (multi-byte characters never contain ASCII bytes). */
function bytesExceed(bytes: Uint8Array, maxDepth: number): boolean {
  if (bytes.length <= maxDepth) return false;
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      i = bytes.indexOf(QUOTE, i + 1);
      while (i !== -1 && escaped(bytes, i)) i = bytes.indexOf(QUOTE, i + 1);
      if (i === -1) return false;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** True when the quote at `at` is escaped: an odd number of backslashes right before it. */
function escaped(text: string | Uint8Array, at: number): boolean {
  let backslashes = 0;
  for (let j = at - 1; j >= 0; j--) {
    const c = typeof text === 'string' ? text.charCodeAt(j) : text[j];
    if (c !== BACKSLASH) break;
    backslashes++;
  }
  return backslashes % 2 === 1;
}
