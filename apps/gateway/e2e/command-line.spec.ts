import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configSchema } from '../src/config';
import { GATEWAY_VERSION } from '../src/gateway-version';

const MAIN = resolve(__dirname, '../dist/main.js');

/** Runs the built gateway with `args` in an empty directory; a gateway that started would hang until the timeout. */
function runGateway(...args: string[]) {
  expect(existsSync(MAIN)).toBe(true); // build the gateway first: npx nx build @geminicli2api/gateway
  const home = mkdtempSync(join(tmpdir(), 'gateway-cli-'));
  return spawnSync(process.execPath, [MAIN, ...args], {
    cwd: home,
    env: { PATH: process.env['PATH'] ?? '', HOME: home, PORT: '0', HOST: '127.0.0.1' },
    encoding: 'utf8',
    timeout: 10_000,
  });
}

describe('the gateway command line', () => {
  it('--help prints the usage and exits 0 without starting the gateway', () => {
    const result = runGateway('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm start/);
    expect(result.stdout).toContain('docs/configuration.md');
    expect(result.stdout).not.toContain('gateway listening');
    expect(result.stderr).toBe('');
  });

  it('names in --help only variables the gateway reads', () => {
    const named = [...runGateway('-h').stdout.matchAll(/\b[A-Z][A-Z0-9_]{3,}\b/g)].map(
      ([name]) => name,
    );
    expect(named).toEqual(expect.arrayContaining(['PORT', 'HOST', 'GEMINI_API_KEY']));
    for (const name of named) expect(Object.keys(configSchema.shape)).toContain(name);
  });

  it('--version prints the version of apps/gateway/package.json', () => {
    const packageVersion = (
      JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string }
    ).version;
    expect(GATEWAY_VERSION).toBe(packageVersion);
    const result = runGateway('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${packageVersion}\n`);
  });

  it.each([['--port', '9000'], ['serve'], ['--help', '--port']])(
    'refuses %s with exit 2 and says settings come from the environment',
    (...args) => {
      const result = runGateway(...args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`takes no argument "${args.join(' ')}"`);
      expect(result.stderr).toContain('PORT=9000 npm start');
    },
  );
});
