import { outcome, type CheckOutcome } from '../check-result';
import type { CheckContext } from '../check-context';
import { field, probe, ProbeError } from '../http-probe';
import { fixLink } from '../troubleshooting';

/** `GET /health` and `GET /`: is the gateway up, which version, are credentials loaded. */
export async function checkService(context: CheckContext): Promise<CheckOutcome> {
  let health;
  try {
    health = await probe(`${context.url}/health`, { timeoutMs: context.timeoutMs });
  } catch (error) {
    context.gatewayUp = false;
    const reason = error instanceof ProbeError ? error.reason : String(error);
    return outcome.fail(
      `${context.url} is not reachable (${reason})`,
      fixLink('service-not-reachable'),
      { reason },
    );
  }
  const status = field(health.json, 'status');
  if (health.status !== 200 || status !== 'ok') {
    context.gatewayUp = false;
    return outcome.fail(
      `${context.url}/health answered HTTP ${health.status}${typeof status === 'string' ? ` (status: ${status})` : ''}; is this the gateway?`,
      fixLink('service-not-reachable'),
      { httpStatus: health.status },
    );
  }
  context.gatewayUp = true;
  context.health = health.json as Record<string, unknown>;
  const version = field(health.json, 'version');
  const backend = field(health.json, 'backend');
  let root;
  try {
    root = await probe(`${context.url}/`, { timeoutMs: context.timeoutMs });
  } catch {
    root = undefined;
  }
  const details = { version, backend, healthMs: health.ms, rootStatus: root?.status };
  const name = `gateway ${typeof version === 'string' ? version : '(unknown version)'}`;
  if (root?.status !== 200) {
    return outcome.warn(
      `${name} is up, but GET / answered ${root?.status ?? 'nothing'}`,
      fixLink('service-not-reachable'),
      details,
    );
  }
  if (backend === 'no-credentials') {
    return outcome.warn(
      `${name} is up, but has no Google credentials: API calls get 503`,
      fixLink('no-credentials'),
      details,
    );
  }
  return outcome.pass(
    `${name} is up at ${context.url} (backend: ${String(backend ?? 'unknown')}, ${health.ms} ms)`,
    details,
  );
}
