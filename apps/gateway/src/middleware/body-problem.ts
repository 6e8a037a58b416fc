/**
 * Why a request body could not be read, from the errors express's body-parser (and the hot
 * routes, which mimic them) throw. Both error handlers word the answer in their protocol's shape.
 */
export type BodyProblem =
  | { kind: 'invalid-json' }
  | { kind: 'too-large' }
  /** 415: a Content-Encoding or charset the gateway cannot decode; `message` says which. */
  | { kind: 'unsupported'; message: string }
  /**
   * Any other 4xx from reading the body (aborted, length mismatch, corrupt compressed data, JSON
   * nesting past REQUEST_MAX_JSON_DEPTH); `message`, when set, says what to fix.
   */
  | { kind: 'unreadable'; status: number; message?: string };

export function bodyProblem(error: unknown): BodyProblem | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { type, status, message } = error as {
    type?: unknown;
    status?: unknown;
    message?: unknown;
  };
  switch (type) {
    case 'entity.parse.failed':
      return { kind: 'invalid-json' };
    case 'entity.too.large':
      return { kind: 'too-large' };
    case 'encoding.unsupported':
      return {
        kind: 'unsupported',
        message: `Unsupported Content-Encoding${quotedName(message)}: send the body uncompressed, or as gzip, deflate or br.`,
      };
    case 'entity.too.deep':
      return { kind: 'unreadable', status: 400, message: String(message) };
    case 'charset.unsupported':
      return {
        kind: 'unsupported',
        message: `Unsupported charset${quotedName(message)}: send the JSON body as UTF-8.`,
      };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { kind: 'unreadable', status };
  }
  return undefined;
}

/** ` "name"` from body-parser's message (`unsupported content encoding "zstd"`), kept short. */
function quotedName(message: unknown): string {
  const name = typeof message === 'string' ? /"([^"]*)"/.exec(message)?.[1] : undefined;
  return name ? ` "${name.slice(0, 40)}"` : '';
}
