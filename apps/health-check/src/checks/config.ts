import { formatEnvFileIssue } from '@geminicli2api/env-file';
import { outcome, type CheckOutcome } from '../check-result';
import type { CheckContext } from '../check-context';
import { fixLink } from '../troubleshooting';

const URL_SETTINGS = [
  'CODE_ASSIST_ENDPOINT',
  'GEMINI_OAUTH_TOKEN_URL',
  'GOOGLE_GEMINI_BASE_URL',
] as const;

/** Values the gateway would refuse to start with (named, never echoed). */
function invalidSettings(env: CheckContext['env']): string[] {
  const problems: string[] = [];
  const port = env['PORT']?.trim();
  if (port && !/^\d+$/.test(port)) problems.push('PORT is not a number');
  else if (port && Number(port) > 65_535) problems.push('PORT is above 65535');
  const password = env['GEMINI_AUTH_PASSWORD']?.trim();
  if (password && password.length < 8)
    problems.push('GEMINI_AUTH_PASSWORD is shorter than 8 characters');
  for (const name of URL_SETTINGS) {
    const value = env[name]?.trim();
    if (value && !/^https?:\/\/[^\s/]+/.test(value)) problems.push(`${name} is not an http(s) URL`);
  }
  const level = env['LOG_LEVEL']?.trim();
  if (level && !['error', 'warn', 'info', 'debug'].includes(level))
    problems.push('LOG_LEVEL is not error|warn|info|debug');
  return problems;
}

/** The local configuration: `.env` present and well formed, settings the gateway accepts. */
export async function checkConfig(context: CheckContext): Promise<CheckOutcome> {
  const { envFile, env } = context;
  const invalid = invalidSettings(env);
  const issues = envFile.issues.map((issue) => `.env ${formatEnvFileIssue(issue)}`);
  const details = {
    envFile: envFile.present ? envFile.path : null,
    variables: Object.keys(envFile.values).sort(),
    issues: envFile.issues,
    invalid,
  };
  const failures = envFile.issues.filter((issue) => issue.severity === 'fail');
  if (failures.length > 0 || invalid.length > 0) {
    const [failure] = failures;
    const first = failure ? `.env ${formatEnvFileIssue(failure)}` : invalid[0];
    const more = invalid.length + envFile.issues.length - 1;
    return outcome.fail(
      `${first}${more > 0 ? ` (+${more} more)` : ''}`,
      fixLink('env-file-format'),
      details,
    );
  }
  if (issues.length > 0) {
    return outcome.warn(
      `${issues[0]}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`,
      fixLink('env-file-format'),
      details,
    );
  }
  if (!envFile.present) {
    if (env['GEMINI_AUTH_PASSWORD'] === undefined) {
      return outcome.warn(
        `no .env in ${context.cwd} and GEMINI_AUTH_PASSWORD is not set: the gateway generates a new password at each start`,
        fixLink('env-file-not-loaded'),
        details,
      );
    }
    return outcome.pass('no .env file; settings come from the environment', details);
  }
  return outcome.pass(
    `${envFile.path} is well formed (${details.variables.length} variables)`,
    details,
  );
}
