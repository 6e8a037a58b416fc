/** A thought signature remembered for a tool call, with the model that produced it. */
export interface CachedThoughtSignature {
  signature: string;
  /** Model id that issued the signature; signatures do not cross model families. */
  model: string;
}

/**
 * Where the translator remembers Gemini 3 thought signatures by tool-call id, for clients that
 * drop `extra_content` when they send the conversation back. Implementations must be bounded.
 */
export interface SignatureCache {
  get(toolCallId: string): CachedThoughtSignature | undefined;
  set(toolCallId: string, value: CachedThoughtSignature): void;
}

/**
 * A bounded least-recently-used {@link SignatureCache} (no timers: the oldest entry is evicted
 * when `maxEntries` is exceeded). One instance per gateway process is enough.
 */
export class LruSignatureCache implements SignatureCache {
  readonly #entries = new Map<string, CachedThoughtSignature>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer');
    }
    this.#maxEntries = maxEntries;
  }

  /** Number of signatures held. */
  get size(): number {
    return this.#entries.size;
  }

  get(toolCallId: string): CachedThoughtSignature | undefined {
    const value = this.#entries.get(toolCallId);
    if (value === undefined) return undefined;
    this.#entries.delete(toolCallId);
    this.#entries.set(toolCallId, value);
    return value;
  }

  set(toolCallId: string, value: CachedThoughtSignature): void {
    this.#entries.delete(toolCallId);
    this.#entries.set(toolCallId, value);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}

/** The value Google documents for replaying calls whose signature is lost. */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** Separator LiteLLM uses to embed a signature in a tool-call id. */
export const THOUGHT_ID_SEPARATOR = '__thought__';

/** Splits a LiteLLM-style `call_x__thought__SIG` id into the bare id and its signature. */
export function splitThoughtId(id: string): { id: string; signature?: string } {
  const at = id.indexOf(THOUGHT_ID_SEPARATOR);
  if (at < 0) return { id };
  const signature = id.slice(at + THOUGHT_ID_SEPARATOR.length);
  return signature === '' ? { id: id.slice(0, at) } : { id: id.slice(0, at), signature };
}
