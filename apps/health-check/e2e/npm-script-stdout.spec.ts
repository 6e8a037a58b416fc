import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { healthReportSchema } from '../src/report-schema';
import { emptyDir, REPO_ROOT } from './support/run-cli';

/**
 * `npm run --silent health-check -- --json | jq .` in CI: the npm script first builds the CLI
 * through nx (tools/scripts/run-nx.cjs), and that build's output must not reach stdout, or the
 * report is no longer JSON.
 */
describe('npm run --silent health-check -- --json', () => {
  it('prints only the JSON report on stdout; the nx build output goes to stderr', async () => {
    const dir = emptyDir();
    const envFile = join(dir, '.env');
    writeFileSync(envFile, 'PORT=8888\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>(
      (resolve, reject) => {
        execFile(
          npm,
          [
            'run',
            '--silent',
            'health-check',
            '--',
            '--json',
            '--only',
            'config',
            '--env-file',
            envFile,
          ],
          { cwd: REPO_ROOT, env: { ...process.env, NX_TUI: 'false' }, timeout: 120_000 },
          (error, out, err) => {
            // exit code 1 (a failing check) is fine: only the output's shape is under test
            if (error && typeof error.code !== 'number') reject(error);
            else resolve({ stdout: out, stderr: err });
          },
        );
      },
    );
    expect(stderr).toMatch(/health-check:build/);
    const report = healthReportSchema.parse(JSON.parse(stdout));
    expect(report.checks.map((check) => check.name)).toEqual(['config']);
  }, 150_000);
});
