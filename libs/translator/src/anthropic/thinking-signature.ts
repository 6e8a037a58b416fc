/**
 * How Gemini thought signatures travel through Anthropic clients. Anthropic has one opaque place
 * for them — a thinking block's `signature` — while Gemini signs individual parts (a thought, a
 * function call, a text, an empty trailing part). The gateway's signature names the model family
 * that issued it and, per Gemini part, which part the value belongs to, so the next turn puts
 * every value back on the exact part it came from:
 *
 *   `gemini-sig:<family>;t<sig>;n<sig>;e<sig>`
 *
 * - `t`: the thought part this thinking block was made from;
 * - `n`: the next content block of the message (a text or a tool_use);
 * - `e`: an empty text part at this position (Gemini's trailing signature part).
 *
 * Gemini signatures are base64, so `;` never occurs inside one. A signature without the prefix
 * (another model's, or one from another Gemini family) is foreign and is not sent to Gemini.
 */
const PREFIX = 'gemini-sig:';

/** Which Gemini part a signature segment belongs to. */
export type SignatureTarget = 'thought' | 'next' | 'empty';

export interface SignatureSegment {
  target: SignatureTarget;
  signature: string;
}

const LETTER: Record<SignatureTarget, string> = { thought: 't', next: 'n', empty: 'e' };
const TARGET: Record<string, SignatureTarget> = { t: 'thought', n: 'next', e: 'empty' };

/** Encodes segments as a thinking-block signature (empty string when there are none). */
export function encodeThinkingSignature(
  family: string,
  segments: readonly SignatureSegment[],
): string {
  if (segments.length === 0) return '';
  return `${PREFIX}${family}${segments.map((s) => `;${LETTER[s.target]}${s.signature}`).join('')}`;
}

/**
 * Decodes a thinking-block signature issued for `family`; undefined for anything else (foreign
 * or empty), which the caller treats as "no signature".
 */
export function decodeThinkingSignature(
  value: string | undefined,
  family: string,
): SignatureSegment[] | undefined {
  if (!value?.startsWith(PREFIX)) return undefined;
  const [issuer, ...rest] = value.slice(PREFIX.length).split(';');
  if (issuer !== family) return undefined;
  const segments: SignatureSegment[] = [];
  for (const item of rest) {
    const target = TARGET[item.charAt(0)];
    const signature = item.slice(1);
    if (target && signature !== '') segments.push({ target, signature });
  }
  return segments;
}
