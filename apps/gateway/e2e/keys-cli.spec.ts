import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '../dist/keys-cli.js');

function keys(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd },
    encoding: 'utf8',
  });
}

describe('npm run keys (dist/keys-cli.js)', () => {
  it('creates, lists, updates, revokes and reports usage on the embedded database', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'keys-cli-'));
    const created = keys(
      cwd,
      'create',
      '--name',
      'alice',
      '--models',
      'gemini-2.5-*',
      '--rpm',
      '60',
      '--expires',
      '30d',
    );
    expect(created.status).toBe(0);
    const key = /g2a-[A-Za-z0-9_-]{44}/.exec(created.stdout)?.[0] ?? 'no key printed';
    expect(key).toMatch(/^g2a-/);
    expect(created.stderr).toBe('');

    const listed = keys(cwd, 'list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^NAME\s+ID\s+PREFIX/);
    expect(listed.stdout).toContain('alice');
    expect(listed.stdout).toContain('gemini-2.5-*');
    expect(listed.stdout).toContain(key.slice(0, 8));
    expect(listed.stdout).not.toContain(key.slice(8));

    const duplicate = keys(cwd, 'create', '--name', 'alice');
    expect(duplicate.status).toBe(3);
    expect(duplicate.stderr).toContain('exists already');

    expect(keys(cwd, 'update', 'alice', '--rpm', 'none', '--tpm', '5000').status).toBe(0);
    const json = JSON.parse(keys(cwd, 'list', '--json').stdout) as {
      data: { rpm: unknown; tpm: unknown }[];
    };
    expect(json.data[0]).toMatchObject({ rpm: null, tpm: 5000 });

    expect(keys(cwd, 'usage').stdout).toContain('No requests between');
    expect(keys(cwd, 'revoke', 'alice').stdout).toContain('Revoked key "alice"');
    expect(keys(cwd, 'list').stdout).toContain('revoked');

    const bad = keys(cwd, 'create', '--name', 'bob', '--rpm', 'lots');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--rpm needs a whole number');
    const unknown = keys(cwd, 'frobnicate');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Usage: npm run keys');
  });
});
