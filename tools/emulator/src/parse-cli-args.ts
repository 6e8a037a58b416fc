import { parseArgs } from 'node:util';

/** Usage text of the emulator CLI. */
export const CLI_USAGE = `Usage: node tools/emulator/dist/main.js [options]

Runs a local emulator of Google's Code Assist API (cloudcode-pa v1internal) and its OAuth token
endpoint. The demo account's refresh token is "demo-refresh-token".

Options:
  --port <n>          TCP port (default 8899; 0 picks a free one)
  --host <address>    bind address (default 127.0.0.1)
  --latency <ms>      delay before answering each v1internal call (default 0)
  --chunk-delay <ms>  delay between stream events (default 0)
  --stream-chunks <n> how many events a streamed text answer is split into (default 3)
  -h, --help          show this help
`;

/** Parsed command line. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | {
      kind: 'run';
      port: number;
      host: string;
      latencyMs: number;
      chunkDelayMs: number;
      streamChunkCount: number;
    };

/** Parses the emulator CLI's arguments (never throws). */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        latency: { type: 'string' },
        'chunk-delay': { type: 'string' },
        'stream-chunks': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { kind: 'help' };
  const port = integerOption(values.port, 'port', 8899, 65535);
  const latency = integerOption(values.latency, 'latency', 0);
  const chunkDelay = integerOption(values['chunk-delay'], 'chunk-delay', 0);
  const streamChunks = integerOption(values['stream-chunks'], 'stream-chunks', 3, 10_000);
  for (const parsed of [port, latency, chunkDelay, streamChunks])
    if (typeof parsed === 'string') return { kind: 'error', message: parsed };
  const host = typeof values.host === 'string' && values.host !== '' ? values.host : '127.0.0.1';
  return {
    kind: 'run',
    port: port as number,
    host,
    latencyMs: latency as number,
    chunkDelayMs: chunkDelay as number,
    streamChunkCount: Math.max(1, streamChunks as number),
  };
}

/** The number, or an error message. */
function integerOption(
  raw: string | boolean | undefined,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
) {
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value > max)
    return `Invalid value for --${name}: ${String(raw)}`;
  return value;
}
