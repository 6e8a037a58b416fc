import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeReasoningSignatures } from '@geminicli2api/translator/internal';
import { startStack, type Stack } from './support/start-stack';

const CODEX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'codex');

interface CodexRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real Codex CLI (`codex exec`) offline with a temporary HOME whose
 * `.codex/config.toml` points a `model_providers` entry at the gateway (wire_api = "responses").
 */
function runCodex(
  stack: Stack,
  home: string,
  model: string,
  prompt: string,
  { config = [], args = [] }: { config?: string[]; args?: string[] } = {},
): Promise<CodexRun> {
  mkdirSync(join(home, '.codex'), { recursive: true });
  writeFileSync(
    join(home, '.codex', 'config.toml'),
    [
      `model = "${model}"`,
      'model_provider = "gateway"',
      // Top-level keys go before the provider's table.
      ...config,
      '[model_providers.gateway]',
      'name = "geminicli2api"',
      `base_url = "${stack.url}/v1"`,
      'env_key = "GEMINI_GATEWAY_KEY"',
      'wire_api = "responses"',
      '',
    ].join('\n'),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(CODEX, ['exec', '--skip-git-repo-check', ...args, prompt], {
      cwd: home,
      env: { PATH: process.env['PATH'], HOME: home, GEMINI_GATEWAY_KEY: stack.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The response items Codex recorded in its session files (`~/.codex/sessions/…/*.jsonl`). */
function sessionItems(home: string): Record<string, unknown>[] {
  const root = join(home, '.codex', 'sessions');
  const files = readdirSync(root, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.jsonl'));
  return files.flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { type?: string; payload?: Record<string, unknown> })
      .filter((line) => line.type === 'response_item' && line.payload)
      .map((line) => line.payload as Record<string, unknown>),
  );
}

type Contents = { role: string; parts: Record<string, unknown>[] }[];

function generateBodies(stack: Stack): { request: { contents: Contents; tools?: unknown[] } }[] {
  return stack.emulator.requests
    .filter((request) => request.path.endsWith(':streamGenerateContent'))
    .map((request) => request.body as { request: { contents: Contents; tools?: unknown[] } });
}

describe('Codex CLI (@openai/codex) against the gateway, offline', () => {
  let stack: Stack;
  let home: string;

  beforeEach(async () => {
    stack = await startStack({ env: { SSE_KEEPALIVE_INTERVAL_MS: '0' } });
    home = mkdtempSync(join(tmpdir(), 'codex-home-'));
  });
  afterEach(async () => {
    await stack.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('prints a plain answer', async () => {
    const run = await runCodex(stack, home, 'gemini-2.5-flash', 'Say hi to the gateway');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Echo: ');
    expect(run.stdout).toContain('Say hi to the gateway');
    const [body] = generateBodies(stack);
    expect(body?.request.contents.at(-1)?.parts.at(-1)).toEqual({ text: 'Say hi to the gateway' });
  }, 120_000);

  it('runs the shell command the model asks for and answers with its output (Gemini 3)', async () => {
    const run = await runCodex(
      stack,
      home,
      'gemini-3-pro-preview',
      'Run it [[call exec_command {"cmd":"echo $((6*7))-from-the-shell"}]]',
    );
    expect(run.code).toBe(0);
    const bodies = generateBodies(stack);
    expect(bodies).toHaveLength(2);
    const [, second] = bodies;
    const contents = second?.request.contents ?? [];
    const call = contents.find((content) => content.role === 'model')?.parts[0];
    expect(call?.['functionCall']).toEqual({
      name: 'exec_command',
      args: { cmd: 'echo $((6*7))-from-the-shell' },
    });
    // The emulator's own signature came back, not the documented bypass value.
    expect(Buffer.from(String(call?.['thoughtSignature']), 'base64').toString()).toMatch(
      /^emu-sig:gemini-3-pro-preview:/,
    );
    const result = contents.at(-1)?.parts[0]?.['functionResponse'] as {
      response: { output: string };
    };
    expect(result.response.output).toContain('42-from-the-shell');
    expect(run.stdout).toContain('Results: exec_command=');
    expect(run.stdout).toContain('42-from-the-shell');
    // Codex keeps the reasoning item, encrypted_content included, in its session file.
    const carried = sessionItems(home)
      .filter(
        (item) => item['type'] === 'reasoning' && typeof item['encrypted_content'] === 'string',
      )
      .map((item) => decodeReasoningSignatures(String(item['encrypted_content'])));
    expect(carried.flatMap((value) => Object.values(value?.calls ?? {}))).toContain(
      call?.['thoughtSignature'],
    );
  }, 120_000);

  it('sees a stream cut mid-way as a failure, reconnects, and prints the answer', async () => {
    stack.emulator.script({
      kind: 'reset-mid-stream',
      afterEvents: 1,
      match: { method: 'streamGenerateContent' },
    });
    const run = await runCodex(stack, home, 'gemini-2.5-flash', 'Say hi after a hiccup');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Reconnecting');
    expect(run.stdout).toContain('Say hi after a hiccup');
    expect(generateBodies(stack)).toHaveLength(2);
  }, 120_000);

  it('edits a file with its freeform apply_patch tool (a custom tool) on Gemini 3', async () => {
    // Codex declares apply_patch as a freeform tool only for models whose metadata says so: a
    // one-model catalog (the fields Codex requires) gives the Gemini model that metadata.
    const catalog = join(home, 'models.json');
    writeFileSync(
      catalog,
      JSON.stringify({
        models: [
          {
            slug: 'gemini-3-pro-preview',
            display_name: 'Gemini 3 Pro',
            base_instructions: 'You are a coding agent. Edit files with apply_patch.',
            apply_patch_tool_type: 'freeform',
            shell_type: 'shell_command',
            supports_search_tool: false,
            supported_reasoning_levels: [{ effort: 'medium', description: 'default' }],
            visibility: 'list',
            supported_in_api: true,
            priority: 1,
            support_verbosity: false,
            truncation_policy: { mode: 'tokens', limit: 10000 },
            experimental_supported_tools: [],
          },
        ],
      }),
    );
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hi from gemini\n*** End Patch\n';
    const run = await runCodex(
      stack,
      home,
      'gemini-3-pro-preview',
      `Add it [[call apply_patch ${JSON.stringify({ input: patch })}]]`,
      { config: [`model_catalog_json = "${catalog}"`], args: ['--sandbox', 'workspace-write'] },
    );
    expect(run.code).toBe(0);
    expect(readFileSync(join(home, 'hello.txt'), 'utf8')).toBe('hi from gemini\n');
    const [first, second] = generateBodies(stack);
    const declarations = (first?.request.tools ?? []).flatMap(
      (tool) => (tool as { functionDeclarations?: { name: string }[] }).functionDeclarations ?? [],
    );
    expect(declarations.map((declaration) => declaration.name)).toContain('apply_patch');
    const contents = second?.request.contents ?? [];
    const call = contents.find((content) => content.role === 'model')?.parts[0];
    expect(call?.['functionCall']).toEqual({ name: 'apply_patch', args: { input: patch } });
    const result = contents.at(-1)?.parts[0]?.['functionResponse'] as {
      response: { output: string };
    };
    expect(result.response.output).toContain('Success. Updated the following files:\nA hello.txt');
    expect(run.stdout).toContain('Results: apply_patch=');
  }, 120_000);
});
