import type { SignatureCache } from './signature/signature-cache';

/** Something the translator chose to ignore or change; the gateway reports these. */
export interface TranslationWarning {
  /** OpenAI-style path of the field concerned. */
  param: string;
  message: string;
}

/** Injected sources of nondeterminism, so translations are reproducible in tests. */
export interface TranslationClock {
  /** Returns a fresh id suffix (default: 24 random base62 characters). */
  generateId?: () => string;
  /** Current time in milliseconds (default: `Date.now`). */
  now?: () => number;
}

/** Bytes the caller fetched for a remote media URL (see `collectRemoteMediaUrls`). */
export interface ResolvedMedia {
  mimeType: string;
  /** Base64 data. */
  data: string;
}

/**
 * Maps Gemini function names back to the names the client declared (only names that had to be
 * sanitised appear). Produced by the request translation, consumed by the response side.
 */
export type ToolNameMap = ReadonlyMap<string, string>;

/** Options shared by the response and stream converters. */
export interface ResponseTranslationOptions extends TranslationClock {
  /** The model string the client asked for; echoed back as `model`. */
  model: string;
  /** Model that actually answered (for signature bookkeeping); defaults to `model`. */
  upstreamModel?: string;
  /** From the request translation: restores sanitised function names. */
  toolNames?: ToolNameMap;
  /** Remembers thought signatures by tool-call id (write side of the cache). */
  signatureCache?: SignatureCache;
}

const ALPHABET_CODES = Array.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  (character) => character.charCodeAt(0),
);
const idCodes: number[] = new Array<number>(24).fill(0);

/**
 * 24 random base62 characters (ids only need to be unique, not secret). Made as one string from
 * character codes: concatenating 24 one-character strings cost twice as long, on every answer.
 */
export function defaultGenerateId(): string {
  for (let i = 0; i < idCodes.length; i++)
    idCodes[i] = ALPHABET_CODES[Math.floor(Math.random() * ALPHABET_CODES.length)] as number;
  return String.fromCharCode(...idCodes);
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
