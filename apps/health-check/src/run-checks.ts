import { type CheckName, type CheckOutcome } from './check-result';
import type { CheckContext } from './check-context';
import { checkAccounts } from './checks/accounts';
import { checkAuthentication } from './checks/authentication';
import { checkConfig } from './checks/config';
import { checkCredentials } from './checks/credentials';
import { checkDocker } from './checks/docker';
import { checkEndpoints } from './checks/endpoints';
import { checkPort } from './checks/port';
import { checkService } from './checks/service';
import { checkStreaming } from './checks/streaming';
import { checkUpstream } from './checks/upstream';
import type { HealthReport, ReportedCheck } from './report-schema';

/** Options the runner needs beyond the check context. */
export type RunContext = CheckContext & { container?: string | undefined };

const CHECKS: Record<
  CheckName,
  { title: string; run: (context: RunContext) => Promise<CheckOutcome> }
> = {
  service: { title: 'Service', run: checkService },
  auth: { title: 'Authentication', run: checkAuthentication },
  endpoints: { title: 'Endpoints', run: checkEndpoints },
  accounts: { title: 'Accounts', run: checkAccounts },
  config: { title: 'Local config', run: checkConfig },
  credentials: { title: 'Credentials', run: checkCredentials },
  port: { title: 'Port', run: checkPort },
  upstream: { title: 'Upstream reachability', run: checkUpstream },
  docker: { title: 'Docker', run: checkDocker },
  streaming: { title: 'Streaming', run: checkStreaming },
};

/** The human title of a check. */
export function checkTitle(name: CheckName): string {
  return CHECKS[name].title;
}

/** Called before each check starts (for the progress line). */
export type OnCheckStart = (name: CheckName, index: number, total: number) => void;

/**
 * Runs the selected checks in order and builds the report. A check that throws is reported as a
 * failure, never a crash. When the service check found the gateway down, the gateway checks after
 * it skip at once (fail fast) instead of each waiting for a timeout.
 */
export async function runChecks(
  names: readonly CheckName[],
  context: RunContext,
  options: { strict: boolean; version: string; onStart?: OnCheckStart },
): Promise<HealthReport> {
  const startedAt = new Date();
  const checks: ReportedCheck[] = [];
  for (const [index, name] of names.entries()) {
    options.onStart?.(name, index, names.length);
    const started = performance.now();
    let result: CheckOutcome;
    try {
      result = await CHECKS[name].run(context);
    } catch (error) {
      result = {
        status: 'fail',
        finding: `the check crashed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    checks.push({
      name,
      status: result.status,
      finding: result.finding,
      fix: result.status === 'pass' || result.status === 'skipped' ? null : (result.fix ?? null),
      durationMs: Math.round(performance.now() - started),
      details: JSON.parse(JSON.stringify(result.details ?? {})) as Record<string, unknown>,
    });
  }
  const count = (status: ReportedCheck['status']) =>
    checks.filter((check) => check.status === status).length;
  const summary = {
    pass: count('pass'),
    warn: count('warn'),
    fail: count('fail'),
    skipped: count('skipped'),
  };
  const failed = summary.fail > 0 || (options.strict && summary.warn > 0);
  return {
    schemaVersion: 1,
    tool: { name: 'geminicli2api-health-check', version: options.version },
    url: context.url,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    ok: !failed,
    exitCode: failed ? 1 : 0,
    strict: options.strict,
    summary,
    checks,
  };
}
