import type { JsonObject } from './json-object';

/** A Google API error as it travels inside `{"error": …}`. */
export interface GoogleError {
  code: number;
  message: string;
  status: string;
  details?: JsonObject[];
}

/** The canonical `status` string Google pairs with each HTTP code the emulator emits. */
const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const MESSAGE_BY_CODE: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  409: 'Aborted',
  429: 'Resource has been exhausted (e.g. check quota).',
  499: 'The operation was cancelled.',
  500: 'Internal error encountered.',
  502: 'Bad Gateway',
  503: 'The service is currently unavailable.',
  504: 'Deadline expired before operation could complete.',
};

/** Canonical status for an HTTP code (`UNKNOWN` when Google has none). */
export function googleStatusForCode(code: number): string {
  return STATUS_BY_CODE[code] ?? 'UNKNOWN';
}

/**
 * Builds a Google error object. `status` defaults to the canonical one for `code`, `message` to
 * Google's stock text for that code.
 */
export function createGoogleError(options: {
  code: number;
  message?: string;
  status?: string;
  details?: JsonObject[];
}): GoogleError {
  const { code, details } = options;
  const error: GoogleError = {
    code,
    message: options.message ?? MESSAGE_BY_CODE[code] ?? 'Request contains an invalid argument.',
    status: options.status ?? googleStatusForCode(code),
  };
  if (details !== undefined && details.length > 0) error.details = details;
  return error;
}

/** Wraps an error as a response body, optionally in the one-element array streams use. */
export function googleErrorBody(error: GoogleError, arrayWrapped = false): unknown {
  return arrayWrapped ? [{ error }] : { error };
}

/** The 401 every `v1internal` call answers when the bearer token is missing, unknown or expired. */
export const UNAUTHENTICATED_ERROR: GoogleError = {
  code: 401,
  message:
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  status: 'UNAUTHENTICATED',
};
