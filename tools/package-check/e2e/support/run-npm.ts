import { spawn } from 'node:child_process';

export interface NpmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the npm that runs this test, outside the workspace's npm context: the `npm_*` variables
 * `npm test` sets (workspace, script, config overrides) are dropped, so the child behaves as in a
 * stranger's project; the user's own npm config (registry, cafile, cache) still applies.
 */
export function runNpm(args: string[], cwd: string): Promise<NpmResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  env['npm_config_update_notifier'] = 'false';
  env['npm_config_fund'] = 'false';
  env['npm_config_audit'] = 'false';
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs npm and throws with its output when it fails. */
export async function npmOk(args: string[], cwd: string): Promise<string> {
  const result = await runNpm(args, cwd);
  if (result.code !== 0)
    throw new Error(
      `npm ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  return result.stdout;
}
