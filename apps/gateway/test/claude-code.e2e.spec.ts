import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack, type Stack } from './support/start-stack';

/** The real Claude Code CLI from npm (`@anthropic-ai/claude-code`, a native binary). */
const CLAUDE = resolve(__dirname, '../../../node_modules/.bin/claude');

interface Content {
  role: string;
  parts: { functionCall?: unknown; thoughtSignature?: string }[];
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('Claude Code itself on the gateway (offline, against the emulator)', () => {
  let stack: Stack;
  let home: string;
  let work: string;

  beforeAll(async () => {
    // No gateway retries: an upstream 503 reaches Claude Code (as 529) on the first try.
    stack = await startStack({ env: { UPSTREAM_MAX_ATTEMPTS: '1' } });
    home = await mkdtemp(join(tmpdir(), 'claude-home-'));
    work = await mkdtemp(join(tmpdir(), 'claude-work-'));
  });
  afterAll(async () => {
    await stack.close();
    await rm(home, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  /**
   * `claude -p <prompt>` with the gateway as its Anthropic API and `model` everywhere; without a
   * model, Claude Code's own defaults (claude-… ids, which the gateway's built-in aliases map).
   */
  function claude(
    prompt: string,
    model?: string,
    auth: 'ANTHROPIC_API_KEY' | 'ANTHROPIC_AUTH_TOKEN' = 'ANTHROPIC_API_KEY',
  ): Promise<Run> {
    const models: NodeJS.ProcessEnv = model
      ? {
          ANTHROPIC_MODEL: model,
          ANTHROPIC_SMALL_FAST_MODEL: model,
          ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
          ANTHROPIC_DEFAULT_SONNET_MODEL: model,
          ANTHROPIC_DEFAULT_OPUS_MODEL: model,
        }
      : {};
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: home,
      ANTHROPIC_BASE_URL: stack.url,
      [auth]: stack.password,
      ...models,
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    };
    return new Promise((done) => {
      const child = execFile(
        CLAUDE,
        ['-p', prompt, ...(model ? ['--model', model] : []), '--allowedTools', 'Read'],
        { cwd: work, env, timeout: 90_000 },
        (error, stdout, stderr) => {
          const code = error ? ((error as { code?: number }).code ?? 1) : 0;
          done({ code: typeof code === 'number' ? code : 1, stdout, stderr });
        },
      );
      child.stdin?.end(); // nothing to pipe in: no 3 s wait for stdin
    });
  }

  const messageCalls = () =>
    stack.emulator.requests.filter((request) => request.path.includes('GenerateContent'));

  it('prints a plain answer', async () => {
    const run = await claude('Say hello to the gateway', 'gemini-2.5-flash');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('Say hello to the gateway');
    expect(run.stdout).toMatch(/^Echo: /);
  }, 120_000);

  it('signs in with ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer), as docs/clients.md suggests', async () => {
    const run = await claude('Hello by bearer token', 'gemini-2.5-flash', 'ANTHROPIC_AUTH_TOKEN');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('Echo: ');
    expect(run.stdout).toContain('Hello by bearer token');
  }, 120_000);

  it('works with its own claude-… model ids and no model setting (the built-in aliases)', async () => {
    const before = messageCalls().length;
    const run = await claude('Which model answers me?');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('Echo: ');
    expect(run.stdout).toContain('Which model answers me?');
    const sent = messageCalls()
      .slice(before)
      .map((call) => (call.body as { model?: string }).model);
    expect(sent.length).toBeGreaterThan(0);
    for (const model of sent) expect(model).toMatch(/^gemini-/);
  }, 120_000);

  it('runs its own Read tool on a Gemini 3 model and answers from the tool result', async () => {
    const file = join(work, 'notes.txt');
    await writeFile(file, 'the magic word is pelican\n');
    const before = messageCalls().length;
    const run = await claude(
      `What does the notes file say? [[call Read {"file_path":${JSON.stringify(file)}}]]`,
      'gemini-3-flash-preview',
    );
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('Results: Read=');
    expect(run.stdout).toContain('the magic word is pelican');
    // Two model calls: the one that asked for Read, and the one that read its result — which
    // carried the emulator's own signature back on the Read call (not the bypass value).
    const calls = messageCalls().slice(before);
    expect(calls).toHaveLength(2);
    const contents = (calls[1]?.body as { request: { contents: Content[] } }).request.contents;
    const call = contents.flatMap((content) => content.parts).find((part) => part.functionCall);
    expect(call?.functionCall).toEqual({ name: 'Read', args: { file_path: file } });
    expect(Buffer.from(call?.thoughtSignature ?? '', 'base64').toString()).toMatch(
      /^emu-sig:gemini-3-flash-preview:/,
    );
  }, 120_000);

  it("backs off on Google's overload (529 overloaded_error) and still answers", async () => {
    stack.emulator.script({
      kind: 'server-error',
      status: 503,
      match: { method: 'streamGenerateContent' },
    });
    const before = messageCalls().length;
    const run = await claude('Answer after the overload', 'gemini-2.5-flash');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('Echo: ');
    expect(run.stdout).toContain('Answer after the overload');
    expect(messageCalls().length - before).toBe(2);
  }, 120_000);
});
