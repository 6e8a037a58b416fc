import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { startEmulator } from '@geminicli2api/emulator';
import { testCertificate } from '../test/support/test-certificate';
import { streamedChatText } from '../test/support/start-stack';
import { startTestProxy } from '../test/support/test-proxy';

const MAIN = resolve(__dirname, '../dist/main.js');
const PASSWORD = 'tls-proxy-test-password';

// NODE_EXTRA_CA_CERTS is read once, when node starts: this runs the built gateway (nx builds it
// before the tests) as its own process, the way a user behind a TLS-intercepting proxy would.
describe('HTTPS to Google through a CONNECT proxy, with the CA in NODE_EXTRA_CA_CERTS', () => {
  it('completes the TLS session inside the tunnel and answers, streamed and not', async () => {
    expect(existsSync(MAIN)).toBe(true); // build the gateway first: npx nx build @geminicli2api/gateway
    const certificate = testCertificate();
    const emulator = await startEmulator({ tls: certificate, apiKeys: ['AIzaTestKeyTls'] });
    const proxy = await startTestProxy();
    const home = mkdtempSync(join(tmpdir(), 'tls-proxy-'));
    const child = spawn(process.execPath, [MAIN], {
      cwd: home,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        PORT: '0',
        HOST: '127.0.0.1',
        GEMINI_AUTH_PASSWORD: PASSWORD,
        GEMINI_API_KEY: 'AIzaTestKeyTls',
        GOOGLE_GEMINI_BASE_URL: emulator.url,
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: certificate.certFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const port = await new Promise<number>((done, fail) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const listening = /"message":"gateway listening".*?"port":(\d+)/.exec(output);
          if (listening) done(Number(listening[1]));
        });
        child.once('exit', (code) => fail(new Error(`gateway exited (${code}): ${output}`)));
      });
      const client = new OpenAI({
        baseURL: `http://127.0.0.1:${port}/v1`,
        apiKey: PASSWORD,
        maxRetries: 0,
      });
      const completion = await client.chat.completions.create({
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'through the tunnel' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Echo: through the tunnel');
      const text = await streamedChatText(
        client,
        'gemini-2.5-flash',
        'streamed through the tunnel',
      );
      expect(text).toBe('Echo: streamed through the tunnel');
      expect(new Set(proxy.seen)).toEqual(new Set([`CONNECT 127.0.0.1:${emulator.port}`]));
      // The model list read at start (discovery) goes through the same tunnel with the same key.
      expect(
        emulator.requests.map((request) => [request.path, request.headers['x-goog-api-key']]),
      ).toEqual([
        ['/v1beta/models', 'AIzaTestKeyTls'],
        ['/v1beta/models/gemini-2.5-flash:generateContent', 'AIzaTestKeyTls'],
        ['/v1beta/models/gemini-2.5-flash:streamGenerateContent', 'AIzaTestKeyTls'],
      ]);
    } finally {
      child.kill('SIGKILL');
      await proxy.close();
      await emulator.close();
    }
  });
});
