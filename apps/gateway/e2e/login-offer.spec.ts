import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { AUTHORIZATION_CODE_PREFIX, startEmulator, type Emulator } from '@geminicli2api/emulator';

const MAIN = resolve(__dirname, '../dist/main.js');
const PASSWORD = 'login-offer-test-password';
const PROMPT = 'No Google credentials found. Log in with Google now? [Y/n/no-browser]';

/**
 * The built gateway on a pseudo-terminal (util-linux `script`), as a person starting it with
 * nothing configured sees it: it offers the login only when stdin and stdout are a terminal.
 */
class TerminalGateway {
  readonly child: ChildProcessWithoutNullStreams;
  output = '';
  private waiters: (() => void)[] = [];

  constructor(env: Record<string, string>) {
    this.child = spawn('script', ['-qefc', `"${process.execPath}" "${MAIN}"`, '/dev/null'], {
      env: { PATH: process.env['PATH'] ?? '', TERM: 'dumb', ...env },
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const wake of this.waiters.splice(0)) wake();
    };
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
  }

  /** Resolves once the output matches `pattern`; fails with the output so far after 8 s. */
  async waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    const deadline = Date.now() + 8_000;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (Date.now() > deadline || this.child.exitCode !== null)
        throw new Error(`never saw ${pattern} in:\n${this.output}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 200);
      });
    }
  }

  /** Types `text` on the terminal. */
  type(text: string): void {
    this.child.stdin.write(text);
  }

  /** The port from the "gateway listening" log line, and the backend it reported. */
  async listening(): Promise<{ port: number; backend: string }> {
    const [line = ''] = await this.waitFor(/\{[^\n]*"message":"gateway listening"[^\n]*\}/);
    return JSON.parse(line) as { port: number; backend: string };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGKILL');
    await exited;
  }
}

describe('starting the gateway at a terminal with no credentials', () => {
  let emulator: Emulator;
  let gateway: TerminalGateway | undefined;
  let home: string;

  beforeAll(async () => {
    expect(existsSync(MAIN)).toBe(true); // build the gateway first: npx nx build @geminicli2api/gateway
    // The pseudo-terminal comes from util-linux `script` (Debian's essential bsdutils package).
    expect(spawnSync('script', ['--version']).status).toBe(0);
    emulator = await startEmulator({
      accounts: [{ refreshToken: 'offered-login-refresh', email: 'new-user@example.test' }],
    });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'login-offer-'));
    gateway = new TerminalGateway({
      HOME: home,
      PORT: '0',
      HOST: '127.0.0.1',
      GEMINI_AUTH_PASSWORD: PASSWORD,
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
      CODE_ASSIST_ENDPOINT: emulator.url,
    });
  });
  afterEach(() => gateway?.stop());

  it('offers the login, saves what it gets and serves with it at once', async () => {
    const terminal = gateway as TerminalGateway;
    await terminal.waitFor(new RegExp(PROMPT.replace(/[?[\]/]/g, '\\$&')));
    terminal.type('no-browser\r');
    await terminal.waitFor(/Open this URL in any browser[\s\S]*Enter the authorization code: /);
    terminal.type(`${AUTHORIZATION_CODE_PREFIX}offered-login-refresh\r`);
    const saved = join(home, '.gemini', 'oauth_creds.json');
    await terminal.waitFor(
      /Logged in as new-user@example\.test\. Credentials saved to .*oauth_creds\.json/,
    );
    expect(statSync(saved).mode & 0o777).toBe(0o600);

    const { port, backend } = await terminal.listening();
    expect(backend).toBe('ready');
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: PASSWORD });
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'first question' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: first question');
    // The refresh token shows only where it was typed (the terminal's echo), never printed back.
    expect(terminal.output.split('offered-login-refresh')).toHaveLength(2);
  });

  it('starts without credentials when the answer is no', async () => {
    const terminal = gateway as TerminalGateway;
    await terminal.waitFor(/Log in with Google now\?/);
    terminal.type('n\r');
    const { port, backend } = await terminal.listening();
    expect(backend).toBe('no-credentials');
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toMatchObject({ backend: 'no-credentials' });
  });

  it('stops at once on Ctrl+C at the question, without listening', async () => {
    const terminal = gateway as TerminalGateway;
    await terminal.waitFor(/Log in with Google now\?/);
    const exited = new Promise<number | null>((done) => terminal.child.once('exit', done));
    terminal.type('\x03');
    expect(await exited).toBe(130);
    expect(terminal.output).not.toContain('gateway listening');
    expect(terminal.output).not.toContain('could not start');
  });
});
