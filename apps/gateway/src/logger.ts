import type { Writable } from 'node:stream';
import { createLogger as createWinstonLogger, format, transports, type Logger } from 'winston';

const MESSAGE = Symbol.for('message');

const SECRET_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-goog-api-key',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'client_secret',
  'clientsecret',
  'password',
  'api_key',
  'apikey',
  'key',
  'token',
]);

/**
 * Secrets known at run time (the gateway password, loaded refresh tokens, every access token
 * issued). Any occurrence in a log line is replaced, whatever field it hides in.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private readonly slots = new Map<string, string[]>();

  /** Registers a secret; values shorter than 6 characters are ignored (too many false hits). */
  add(value: string | undefined | null): void {
    if (value && value.length >= 6) this.values.add(value);
  }

  /**
   * Registers the current value of a secret that is replaced over time (an account's access
   * token, refreshed hourly). The current and the previous value (still valid for the minutes
   * after an early refresh) stay registered; older ones are dropped, so months of refreshes do
   * not pile up thousands of values that every log line is searched for.
   */
  set(slot: string, value: string | undefined | null): void {
    if (!value || value.length < 6) return;
    const kept = this.slots.get(slot) ?? [];
    if (kept.at(-1) === value) return;
    kept.push(value);
    this.values.add(value);
    while (kept.length > 2) {
      const dropped = kept.shift();
      if (dropped !== undefined && !kept.includes(dropped)) this.values.delete(dropped);
    }
    this.slots.set(slot, kept);
  }

  /** How many values are registered. */
  get size(): number {
    return this.values.size;
  }

  /** Replaces every registered secret in `text` with `***`. */
  redact(text: string): string {
    let out = text;
    for (const value of this.values) {
      if (out.includes(value)) out = out.split(value).join('***');
    }
    return out;
  }
}

function redactKeys(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactKeys(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? '***' : redactKeys(item, depth + 1);
  }
  return out;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level: string;
  secrets: SecretRegistry;
  /** Where JSON lines go (default stdout); tests pass a capture stream. */
  stream?: Writable;
}

/**
 * Builds the gateway's logger: one JSON line per entry with a timestamp, secrets redacted by key
 * (authorization, tokens, passwords …) and by known value in the final line.
 */
export function createLogger({ level, secrets, stream }: LoggerOptions): Logger {
  const redactFields = format((info) => {
    for (const key of Object.keys(info)) {
      const lower = key.toLowerCase();
      if (SECRET_KEYS.has(lower)) info[key] = '***';
      else if (key !== 'message') info[key] = redactKeys(info[key]);
    }
    return info;
  });
  const redactValues = format((info) => {
    const line = (info as unknown as Record<symbol, unknown>)[MESSAGE];
    if (typeof line === 'string') {
      (info as unknown as Record<symbol, unknown>)[MESSAGE] = secrets.redact(line);
    }
    return info;
  });
  return createWinstonLogger({
    level,
    format: format.combine(
      format.errors({ stack: true }),
      format.timestamp(),
      redactFields(),
      format.json(),
      redactValues(),
    ),
    transports: [stream ? new transports.Stream({ stream }) : new transports.Console()],
  });
}
