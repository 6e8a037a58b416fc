import { readFile, writeFile } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import type { CheckContext } from './check-context';
import { redact, redactDeep } from './redact';
import type { HealthReport } from './report-schema';

const LOG_LINES = 200;

/** Environment variable names worth listing: the gateway's settings and the proxy variables. */
const RELEVANT_NAME =
  /^(PORT|HOST|LOG_LEVEL|REQUEST_BODY_LIMIT|NODE_ENV|(GEMINI|GOOGLE|CODE_ASSIST)_\w+|(HTTPS?|NO|ALL)_PROXY)$/i;

/** Secret values known to the health check, redacted wherever they appear. */
export function knownSecrets(context: CheckContext): string[] {
  const names = [
    'GEMINI_AUTH_PASSWORD',
    'GEMINI_CREDENTIALS',
    'GEMINI_API_KEY',
    'GEMINI_OAUTH_CLIENT_SECRET',
  ];
  const values = names.map((name) => context.env[name]);
  const found: string[] = [...values, context.password].filter((value): value is string =>
    Boolean(value),
  );
  const credentials = context.env['GEMINI_CREDENTIALS'];
  if (credentials) {
    try {
      const parsed = JSON.parse(credentials) as Record<string, unknown>;
      for (const key of ['refresh_token', 'access_token', 'token', 'client_secret', 'id_token']) {
        const value = parsed[key];
        if (typeof value === 'string') found.push(value);
      }
    } catch {
      // Not JSON: the whole value is already in the list.
    }
  }
  return found;
}

async function lastLogLines(
  path: string,
  secrets: string[],
): Promise<{ path: string; lines: string[] } | { path: string; error: string }> {
  try {
    const lines = (await readFile(path, 'utf8')).split(/\r?\n/).filter((line) => line !== '');
    return { path, lines: lines.slice(-LOG_LINES).map((line) => redact(line, secrets)) };
  } catch (error) {
    return { path, error: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/**
 * Writes the diagnostics bundle: versions, OS, the NAMES of the relevant environment variables
 * (never their values), container status, check results and the last log lines, all redacted.
 */
export async function writeReportBundle(
  file: string,
  report: HealthReport,
  context: CheckContext,
  logFile: string | undefined,
): Promise<void> {
  const secrets = knownSecrets(context);
  const docker = report.checks.find((check) => check.name === 'docker');
  const bundle = {
    kind: 'geminicli2api-diagnostics',
    generatedAt: new Date().toISOString(),
    versions: {
      healthCheck: report.tool.version,
      gateway: context.health?.['version'] ?? null,
      node: process.version,
    },
    os: { platform: platform(), release: release(), arch: arch() },
    environmentVariables: {
      set: Object.keys(process.env)
        .filter((name) => RELEVANT_NAME.test(name))
        .sort(),
      fromEnvFile: context.envFile.present ? Object.keys(context.envFile.values).sort() : [],
    },
    container: docker
      ? { status: docker.status, finding: docker.finding, ...docker.details }
      : null,
    report,
    log: logFile ? await lastLogLines(logFile, secrets) : null,
  };
  await writeFile(file, `${JSON.stringify(redactDeep(bundle, secrets), null, 2)}\n`, {
    mode: 0o600,
  });
}
