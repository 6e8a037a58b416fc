import { outcome, type CheckOutcome } from '../check-result';
import type { CheckContext } from '../check-context';
import { field } from '../http-probe';
import { runCommand } from '../run-command';
import { fixLink } from '../troubleshooting';

/** Container status as reported in the check's details and in the report bundle. */
export interface ContainerStatus {
  name: string;
  image: string;
  status: string;
  health: string | null;
  restartCount: number;
  exitCode: number | null;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

/** Finds the gateway container: the named one, or the first whose name or image says geminicli2api. */
async function findContainer(wanted: string | undefined): Promise<ContainerStatus | undefined> {
  const list = await runCommand('docker', [
    'ps',
    '-a',
    '--format',
    '{{.ID}}\t{{.Names}}\t{{.Image}}',
  ]);
  const rows = list.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  const row = wanted
    ? rows.find(([id, name]) => name === wanted || id === wanted)
    : rows.find(([, name = '', image = '']) => /geminicli2api/i.test(`${name} ${image}`));
  if (!row?.[0]) return undefined;
  const inspect = await runCommand('docker', [
    'inspect',
    '--format',
    '{{json .State}}\t{{.RestartCount}}',
    row[0],
  ]);
  const [stateJson = '{}', restarts = '0'] = inspect.stdout.trim().split('\t');
  let state: unknown;
  try {
    state = JSON.parse(stateJson);
  } catch {
    state = {};
  }
  const health = field(field(state, 'Health'), 'Status');
  const exitCode = field(state, 'ExitCode');
  return {
    name: row[1] ?? row[0],
    image: row[2] ?? '',
    status: String(field(state, 'Status') ?? 'unknown'),
    health: typeof health === 'string' ? health : null,
    restartCount: Number(restarts) || 0,
    exitCode: typeof exitCode === 'number' ? exitCode : null,
  };
}

/** Docker engine present, the gateway container running, healthy, not restarting. */
export async function checkDocker(
  context: CheckContext & { container?: string | undefined },
): Promise<CheckOutcome> {
  const version = await runCommand('docker', ['version', '--format', '{{.Server.Version}}']);
  if (version.missing)
    return outcome.skipped('Docker is not installed (no docker command)', { engine: null });
  if (version.exitCode !== 0) {
    return outcome.skipped(
      `no Docker engine reachable (${firstLine(version.stderr) || 'docker version failed'})`,
      { engine: null },
    );
  }
  const engine = version.stdout.trim();
  const container = await findContainer(context.container);
  const details = { engine, container: container ?? null };
  if (!container) {
    const what = context.container ? `container "${context.container}"` : 'geminicli2api container';
    return outcome.skipped(`Docker ${engine} runs, but no ${what} exists`, details);
  }
  const name = `container ${container.name}`;
  const restarts = `${container.restartCount} restart${container.restartCount === 1 ? '' : 's'}`;
  if (
    container.status === 'restarting' ||
    (container.status !== 'running' && container.restartCount > 0)
  ) {
    return outcome.fail(
      `${name} keeps restarting (${container.status}, ${restarts}, last exit ${container.exitCode ?? '?'})`,
      fixLink('container-keeps-restarting'),
      details,
    );
  }
  if (container.status !== 'running') {
    return outcome.fail(
      `${name} is ${container.status} (exit code ${container.exitCode ?? '?'})`,
      fixLink('reading-container-logs'),
      details,
    );
  }
  if (container.health === 'unhealthy') {
    return outcome.fail(
      `${name} is running but unhealthy (${restarts})`,
      fixLink('reading-container-logs'),
      details,
    );
  }
  if (container.restartCount > 0) {
    return outcome.warn(
      `${name} is running (${container.health ?? 'no healthcheck'}) but restarted ${restarts}`,
      fixLink('container-keeps-restarting'),
      details,
    );
  }
  if (container.health === 'starting')
    return outcome.warn(`${name} is running, health check still starting`, undefined, details);
  return outcome.pass(
    `${name} is running (${container.health ?? 'no healthcheck defined'}, ${restarts})`,
    details,
  );
}
