import type { Writable } from 'node:stream';
import safeStringify from 'safe-stable-stringify';
import { createLogger as createWinstonLogger, format, type Logger } from 'winston';
import TransportStream from 'winston-transport';

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

/**
 * `value` with every secret-named key (at any depth, case-insensitive) replaced by `***`. Returns
 * `value` itself when nothing needs replacing, so the common flat entry allocates nothing.
 */
function redactKeys(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const redacted = redactKeys(item, depth + 1);
      if (redacted !== item) (copy ??= [...value])[index] = redacted;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const redacted = SECRET_KEYS.has(key.toLowerCase()) ? '***' : redactKeys(item, depth + 1);
    if (redacted !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return copy ?? value;
}

/**
 * JSON of a log entry or value; circular references and BigInts fall back to a safe serialiser.
 * Undefined for what JSON has no form for (undefined, a function).
 */
function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) as string | undefined;
  } catch {
    return safeStringify(value);
  }
}

/** Whether a field name is a secret's (cached: a handful of distinct names ever reach the log). */
const secretKeyCache = new Map<string, boolean>();
function isSecretKey(key: string): boolean {
  let secret = secretKeyCache.get(key);
  if (secret === undefined) {
    secret = SECRET_KEYS.has(key.toLowerCase());
    if (secretKeyCache.size < 1000) secretKeyCache.set(key, secret);
  }
  return secret;
}

/**
 * The whole line in one step: timestamp, level and message first, then the entry's fields with
 * secret keys redacted, serialised once, then every registered secret value replaced wherever it
 * ended up. (One format instead of winston's timestamp + json chain: a third of the CPU per line,
 * which matters for the access log's line per request. The fields are copied in one step and
 * serialised apart from the three first ones: copying them key by key into a new object cost
 * as much as the rest of the line, docs/performance.md.)
 */
function jsonLine(secrets: SecretRegistry) {
  return format((info) => {
    const { level, message, timestamp: _timestamp, ...fields } = info as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      const redacted = isSecretKey(key) ? '***' : redactKeys(value);
      // `fields` is this line's own copy: the caller's objects are never written to.
      if (redacted !== value) fields[key] = redacted;
    }
    const messageJson = serialize(message);
    const head =
      `{"timestamp":"${new Date().toISOString()}","level":${JSON.stringify(level)}` +
      (messageJson === undefined ? '' : `,"message":${messageJson}`);
    const rest = serialize(fields) ?? '{}';
    (info as unknown as Record<symbol, unknown>)[MESSAGE] = secrets.redact(
      rest === '{}' ? `${head}}` : `${head},${rest.slice(1)}`,
    );
    return info;
  })();
}

/** Writes each finished line to a stream, nothing else (no per-line timer or event). */
class LineTransport extends TransportStream {
  constructor(private readonly out: Writable) {
    super();
  }

  override log(info: unknown, next: () => void): void {
    this.out.write(`${(info as Record<symbol, string>)[MESSAGE]}\n`);
    next();
  }
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
  return createWinstonLogger({
    level,
    format: format.combine(format.errors({ stack: true }), jsonLine(secrets)),
    transports: [new LineTransport(stream ?? process.stdout)],
  });
}
