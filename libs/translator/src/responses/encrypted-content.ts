/**
 * What this gateway puts in a Responses `reasoning` item's `encrypted_content`: the Gemini thought
 * signatures of the parts that followed the reasoning, so a stateless client (Codex sends
 * `store: false`) returns them on its next turn and each goes back to the exact part. Opaque to
 * the client: base64 of a small JSON document, versioned.
 */
export interface ReasoningSignatures {
  /** The model that issued the signatures (they only hold within one model family). */
  model: string;
  /** Signature of each function call, by `call_id`. */
  calls: Record<string, string>;
}

const PREFIX = 'gcli2api.1.';

/** Encodes signatures as `encrypted_content`. */
export function encodeReasoningSignatures(value: ReasoningSignatures): string {
  // JSON with every non-ASCII character escaped is ASCII, so base64 needs no UTF-8 step.
  const json = JSON.stringify({ m: value.model, c: value.calls }).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return PREFIX + toBase64(json);
}

/**
 * Decodes `encrypted_content` written by {@link encodeReasoningSignatures}; anything else (another
 * provider's blob, a damaged value) is `undefined`, never an error: the signature cache and the
 * documented bypass still keep the conversation valid.
 */
export function decodeReasoningSignatures(text: string): ReasoningSignatures | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(fromBase64(text.slice(PREFIX.length)));
    if (typeof value !== 'object' || value === null) return undefined;
    const { m, c } = value as { m?: unknown; c?: unknown };
    if (typeof m !== 'string' || typeof c !== 'object' || c === null) return undefined;
    const calls: Record<string, string> = {};
    for (const [id, signature] of Object.entries(c))
      if (typeof signature === 'string' && signature !== '') calls[id] = signature;
    return { model: m, calls };
  } catch {
    return undefined;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of an ASCII string (this library has no Buffer or btoa). */
function toBase64(ascii: string): string {
  let out = '';
  for (let at = 0; at < ascii.length; at += 3) {
    const a = ascii.charCodeAt(at);
    const b = at + 1 < ascii.length ? ascii.charCodeAt(at + 1) : -1;
    const c = at + 2 < ascii.length ? ascii.charCodeAt(at + 2) : -1;
    const bits = (a << 16) | ((b < 0 ? 0 : b) << 8) | (c < 0 ? 0 : c);
    out += ALPHABET[(bits >> 18) & 63] ?? '';
    out += ALPHABET[(bits >> 12) & 63] ?? '';
    out += b < 0 ? '=' : (ALPHABET[(bits >> 6) & 63] ?? '');
    out += c < 0 ? '=' : (ALPHABET[bits & 63] ?? '');
  }
  return out;
}

/** The ASCII string behind base64; throws on a character outside the alphabet. */
function fromBase64(text: string): string {
  const clean = text.replace(/=+$/, '');
  let out = '';
  let bits = 0;
  let count = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) throw new SyntaxError('not base64');
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 255);
    }
  }
  return out;
}
