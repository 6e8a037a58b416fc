import { matchGeminiPath } from '@geminicli2api/protocol-gemini';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EMULATOR_MODELS } from './emulator-options';
import { createThoughtSignature } from './thought-signature';
import { validateGenerateRequest } from './validate-generate-request';

// The upstream transcripts of protocol-gemini (libs/protocol-gemini/transcripts/README.md): the
// requests Gemini CLI and API clients send. The emulator's strict validators must accept them
// all, or the emulator would reject what Google accepts.
interface Transcript {
  api: 'code-assist' | 'gemini-api';
  request: { path: string; body: Record<string, unknown> };
}
const folder = join(__dirname, '..', '..', '..', 'libs', 'protocol-gemini', 'transcripts');
// The transcripts' signatures are sanitised placeholders; Google accepted the real ones it had
// issued, which for the emulator are the signatures it issues itself.
const PLACEHOLDER_SIGNATURE = 'EXAMPLE_OPAQUE_BASE64_SIGNATURE==';
const transcripts = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => {
    const text = readFileSync(join(folder, file), 'utf8').replaceAll(
      PLACEHOLDER_SIGNATURE,
      createThoughtSignature('gemini-3-pro-preview'),
    );
    return [file, JSON.parse(text) as Transcript] as const;
  });

describe("the emulator's validators on the upstream transcripts' requests", () => {
  it.each(transcripts)('%s is accepted', (_file, t) => {
    // A Gemini API body is validated inside the envelope, as handle-public-api does.
    const model = matchGeminiPath(t.request.path.split('?')[0] ?? '')?.model;
    const body =
      t.api === 'code-assist'
        ? t.request.body
        : { model, project: 'public-api', request: t.request.body };
    const result = validateGenerateRequest(body, DEFAULT_EMULATOR_MODELS);
    expect(result.ok ? 'accepted' : result.failure).toBe('accepted');
  });

  it('and still rejects a transcript request broken the way a translator bug would break it', () => {
    const [, t] = transcripts.find(([, candidate]) => candidate.api === 'code-assist') ?? [];
    if (!t) throw new Error('no Code Assist transcript');
    const body = structuredClone(t.request.body) as { request: { contents: unknown[] } };
    body.request.contents.push({
      role: 'user',
      parts: [{ inline_data: { mime_type: 'image/png', data: 'AA==' } }],
    });
    expect(validateGenerateRequest(body, DEFAULT_EMULATOR_MODELS).ok).toBe(false);
  });
});
