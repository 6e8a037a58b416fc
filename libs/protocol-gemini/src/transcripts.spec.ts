import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeAssistGenerateResponseSchema } from './code-assist-envelope';
import { createSseDecoder } from './create-sse-decoder';
import { parseGoogleError } from './gemini-error-body';
import { generateContentResponseSchema } from './generate-content-response';

// The upstream transcripts (../transcripts/README.md): what Google sends, byte for byte.
interface Transcript {
  api: 'code-assist' | 'gemini-api';
  response: { status: number; body: string };
  google?: { status: string; reason?: string; retryDelayMs?: number };
}
const folder = join(__dirname, '..', 'transcripts');
const transcripts = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map(
    (file) => [file, JSON.parse(readFileSync(join(folder, file), 'utf8')) as Transcript] as const,
  );
const streams = transcripts.filter(([, t]) => t.response.status === 200);
const errors = transcripts.filter(([, t]) => t.response.status !== 200);

function decode(pieces: string[]): string[] {
  const decoder = createSseDecoder();
  return [...pieces.flatMap((piece) => decoder.push(piece)), ...decoder.end()];
}

describe('upstream transcripts', () => {
  it('has stream and error transcripts of both APIs', () => {
    expect(streams.map(([, t]) => t.api).sort()).toEqual(
      expect.arrayContaining(['code-assist', 'gemini-api']),
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it.each(streams)('%s: every event matches the schema, whatever the splits', (_file, t) => {
    const whole = decode([t.response.body]);
    expect(whole.length).toBeGreaterThan(1);
    for (const data of whole) {
      const event = JSON.parse(data) as unknown;
      const schema =
        t.api === 'code-assist' ? codeAssistGenerateResponseSchema : generateContentResponseSchema;
      expect(schema.safeParse(event).success).toBe(true);
    }
    // Split at every position (CR from LF, inside "data:", inside a multi-byte character's text).
    for (let at = 1; at < t.response.body.length; at += 1) {
      expect(decode([t.response.body.slice(0, at), t.response.body.slice(at)])).toEqual(whole);
    }
  });

  it.each(errors)('%s: the body parses to the Google error it carries', (_file, t) => {
    const error = parseGoogleError(t.response.body, t.response.status);
    expect({
      status: error.status,
      reason: error.reason,
      retryDelayMs: error.retryDelayMs,
    }).toEqual(t.google);
    expect(error.code).toBe(t.response.status);
  });
});
