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

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 24 random base62 characters (ids only need to be unique, not secret). */
export function defaultGenerateId(): string {
  let id = '';
  for (let i = 0; i < 24; i++) id += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return id;
}
