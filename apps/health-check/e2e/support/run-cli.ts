import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root (tests spawn the built apps from there). */
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(REPO_ROOT, 'apps', 'health-check', 'dist', 'main.js');

/** What one run of the CLI produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** stdout parsed as JSON (for `--json` runs). */
  json(): unknown;
}

/** An empty directory, used as cwd and HOME so no developer file leaks into a test. */
export function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'health-check-test-'));
}

/**
 * Runs `node apps/health-check/dist/main.js …` with a clean environment: only PATH and what the
 * test passes; cwd and HOME are empty directories unless given.
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  const cwd = options.cwd ?? emptyDir();
  const env = { PATH: process.env['PATH'] ?? '', HOME: cwd, ...options.env };
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({
          code,
          stdout,
          stderr,
          ms: Date.now() - started,
          json: () => JSON.parse(stdout) as unknown,
        });
      },
    );
  });
}
