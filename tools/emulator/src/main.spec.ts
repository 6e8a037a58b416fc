import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

// Bundle the CLI from source (esbuild ships with tsup) so the test never depends on a stale dist.
const directory = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
const cli = join(directory, 'main.js');
buildSync({
  entryPoints: [join(__dirname, 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  outfile: cli,
  // Workspace libraries from their sources too, as the build does.
  conditions: ['@geminicli2api/source'],
  logLevel: 'silent',
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function run(args: string[], onStdout?: (text: string, child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('emulator CLI', () => {
  it.each([['SIGINT'], ['SIGTERM']] as const)(
    'announces its URL, serves requests and exits 0 on %s',
    async (signal) => {
      let served: number | undefined;
      const result = await run(['--port', '0'], (text, child) => {
        const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
        if (url === undefined) return;
        void fetch(`${url}/token`, {
          method: 'POST',
          body: 'grant_type=refresh_token&refresh_token=demo-refresh-token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
          .then((response) => {
            served = response.status;
          })
          .finally(() => child.kill(signal));
      });
      expect(result.stdout).toMatch(
        /^Code Assist emulator listening on http:\/\/127\.0\.0\.1:\d+ \(demo refresh token: demo-refresh-token\)\n$/,
      );
      expect(served).toBe(200);
      expect(result.code).toBe(0);
    },
  );

  it('prints usage for --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--chunk-delay <ms>');
  });

  it('exits 2 with a message on a bad option', async () => {
    const result = await run(['--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value for --port: eighty');
  });
});
