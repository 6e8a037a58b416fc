#!/usr/bin/env node
/**
 * `npm run demo`: starts the Code Assist emulator and the real gateway (built) against it with a
 * demo account, sends one chat completion, prints the answer and a curl command to try more.
 * Nothing leaves this machine.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { startEmulator } from './start-emulator';

const GATEWAY_MAIN = resolve(__dirname, '../../../apps/gateway/dist/main.js');

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the gateway did not become healthy at ${url}`);
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ chunkDelayMs: 40 });
  const port = process.env['PORT'] ?? '8888';
  const password =
    process.env['GEMINI_AUTH_PASSWORD'] ?? `demo-${randomBytes(9).toString('base64url')}`;
  const credentials = JSON.stringify({
    refresh_token: 'demo-refresh-token',
    token_uri: emulator.tokenUrl,
    client_id: 'demo-client',
    client_secret: 'demo-secret',
  });
  const gateway = spawn(process.execPath, [GATEWAY_MAIN], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      GEMINI_AUTH_PASSWORD: password,
      GEMINI_CREDENTIALS: credentials,
      CODE_ASSIST_ENDPOINT: emulator.url,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    },
  });
  const stop = async (code: number) => {
    gateway.kill('SIGTERM');
    await emulator.close();
    process.exit(code);
  };
  gateway.on('exit', (code) => {
    process.stderr.write(`The gateway exited (code ${code}).\n`);
    void emulator.close().then(() => process.exit(code ?? 1));
  });
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, Date.now() + 15_000);
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${password}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hello from the demo!' }],
    }),
  });
  const body = (await response.json()) as { choices?: { message?: { content?: string } }[] };
  process.stdout.write(
    [
      '',
      `Demo gateway on ${url} (upstream: the local Code Assist emulator at ${emulator.url}).`,
      `Password: ${password}`,
      '',
      `POST /v1/chat/completions → HTTP ${response.status}: ${body.choices?.[0]?.message?.content ?? JSON.stringify(body)}`,
      '',
      'Try it yourself:',
      `  curl -N ${url}/v1/chat/completions -H 'Authorization: Bearer ${password}' -H 'Content-Type: application/json' \\`,
      `    -d '{"model":"gemini-2.5-pro","stream":true,"messages":[{"role":"user","content":"Hi"}]}'`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
