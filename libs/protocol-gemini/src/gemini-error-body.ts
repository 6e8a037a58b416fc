import { z } from 'zod';

/**
 * Google's JSON error body: `{"error":{code,message,status,details}}`, sometimes wrapped in a
 * one-element array (notably on streams). https://cloud.google.com/apis/design/errors
 */
export const googleErrorDetailSchema = z.looseObject({
  '@type': z.string().nullish(),
  reason: z.string().nullish(),
  domain: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  retryDelay: z.string().nullish(),
  violations: z
    .array(z.looseObject({ quotaId: z.string().nullish(), description: z.string().nullish() }))
    .nullish(),
  links: z.array(z.looseObject({ url: z.string().nullish() })).nullish(),
});

export const googleErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.number().int().nullish(),
    message: z.string().nullish(),
    status: z.string().nullish(),
    details: z.array(googleErrorDetailSchema).nullish(),
  }),
});

export type GoogleErrorDetail = z.infer<typeof googleErrorDetailSchema>;
export type GoogleErrorBody = z.infer<typeof googleErrorBodySchema>;

/** A Google error, normalised: whatever the body looked like, these fields are filled. */
export interface GoogleError {
  /** HTTP status (from the body's `code`, else the response status). */
  code: number;
  /** Canonical status such as `RESOURCE_EXHAUSTED`; derived from `code` when absent. */
  status: string;
  message: string;
  details: GoogleErrorDetail[];
  /** `RetryInfo.retryDelay` in milliseconds, when the server said how long to wait. */
  retryDelayMs?: number;
  /** `ErrorInfo.reason`, e.g. `RATE_LIMIT_EXCEEDED`, `QUOTA_EXHAUSTED`, `SERVICE_DISABLED`. */
  reason?: string;
}

const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The canonical Google status name for an HTTP status code. */
export function mapHttpStatusToGoogleStatus(code: number): string {
  return STATUS_BY_CODE[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN');
}

/**
 * The `error` object of a Google error body (text or already-parsed JSON, plain or
 * array-wrapped), or undefined when the body is not one (HTML from a proxy, empty, other JSON).
 */
export function readGoogleErrorBody(body: unknown): GoogleErrorBody['error'] | undefined {
  const parsed = googleErrorBodySchema.safeParse(unwrap(body));
  return parsed.success ? parsed.data.error : undefined;
}

/**
 * Parses a Google error from a response body (text or already-parsed JSON). Accepts the plain
 * and the array-wrapped form; anything else (HTML from a proxy, empty body) still yields an error
 * built from the HTTP status alone.
 */
export function parseGoogleError(body: unknown, httpStatus: number): GoogleError {
  const error = readGoogleErrorBody(body);
  const code = error?.code ?? httpStatus;
  const details = error?.details ?? [];
  const result: GoogleError = {
    code,
    status: error?.status ?? mapHttpStatusToGoogleStatus(code),
    message: error?.message ?? fallbackMessage(body, httpStatus),
    details,
  };
  for (const detail of details) {
    const type = detail['@type'] ?? '';
    if (type.endsWith('RetryInfo') && detail.retryDelay) {
      const ms = parseDurationMs(detail.retryDelay);
      if (ms !== undefined) result.retryDelayMs = ms;
    } else if (type.endsWith('ErrorInfo') && detail.reason) {
      result.reason = detail.reason;
    }
  }
  if (result.retryDelayMs === undefined) {
    const fromMetadata = details.find((d) => d.metadata?.['quotaResetDelay'])?.metadata?.[
      'quotaResetDelay'
    ];
    const ms = fromMetadata ? parseDurationMs(fromMetadata) : undefined;
    if (ms !== undefined) result.retryDelayMs = ms;
  }
  return result;
}

function unwrap(body: unknown): unknown {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return Array.isArray(value) ? value[0] : value;
}

function fallbackMessage(body: unknown, httpStatus: number): string {
  const text = typeof body === 'string' ? body.trim() : '';
  // A short plain-text body (e.g. "Service Unavailable") is informative; HTML and JSON are not.
  if (text && text.length <= 200 && !/^[<{[]/.test(text)) return text;
  return `Upstream responded with HTTP ${httpStatus}`;
}

const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000001,
};

/**
 * Parses a protobuf Duration (`"0.539s"`, `"600s"`) or a Go-style duration (`"161h39m41.3s"`,
 * `"900ms"`) into milliseconds. Returns undefined for anything else.
 */
export function parseDurationMs(value: string): number | undefined {
  const text = value.trim();
  if (!text) return undefined;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(DURATION_PART)) {
    const [whole, amount, unit] = match;
    if (amount === undefined || unit === undefined) return undefined;
    total += Number(amount) * (UNIT_MS[unit] ?? 0);
    consumed += whole.length;
  }
  return consumed === text.length ? Math.round(total) : undefined;
}
