const MARKER = Symbol.for('geminicli2api.translator.TranslationError');

/** Why a request could not be translated. */
export type TranslationErrorCode = 'INVALID_REQUEST' | 'UNSUPPORTED_FEATURE';

/**
 * A client request that cannot be expressed for Gemini. Carries the OpenAI `param` path of the
 * offending field so the gateway can answer 400 with `{param}` like OpenAI does. The message
 * never contains the offending value.
 */
export class TranslationError extends Error {
  readonly [MARKER] = true;
  readonly code: TranslationErrorCode;
  /** OpenAI-style path of the field at fault, e.g. `messages[3].tool_call_id`. */
  readonly param: string | null;

  constructor({
    message,
    code = 'INVALID_REQUEST',
    param = null,
    cause,
  }: {
    message: string;
    code?: TranslationErrorCode;
    param?: string | null;
    cause?: unknown;
  }) {
    super(message, { cause });
    this.name = 'TranslationError';
    this.code = code;
    this.param = param;
  }

  /** True for a TranslationError from any copy of this package. */
  static isInstance(value: unknown): value is TranslationError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
