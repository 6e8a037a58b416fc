import { outcome, type CheckOutcome } from '../check-result';
import type { CheckContext } from '../check-context';
import { probeNetwork, type NetworkProbe } from '../network-probe';
import { fixLink } from '../troubleshooting';

/** The Google hosts the gateway talks to, overridable with the gateway's own variables. */
export function upstreamTargets(env: CheckContext['env']): { name: string; url: string }[] {
  return [
    {
      name: 'Code Assist',
      url: env['CODE_ASSIST_ENDPOINT'] || 'https://cloudcode-pa.googleapis.com',
    },
    { name: 'OAuth', url: env['GEMINI_OAUTH_TOKEN_URL'] || 'https://oauth2.googleapis.com/token' },
    {
      name: 'Gemini API',
      url: env['GOOGLE_GEMINI_BASE_URL'] || 'https://generativelanguage.googleapis.com',
    },
  ];
}

function timings(probe: NetworkProbe): string {
  const parts = [
    probe.dnsMs !== undefined && `DNS ${probe.dnsMs}`,
    probe.tcpMs !== undefined && `TCP ${probe.tcpMs}`,
    probe.proxyConnectMs !== undefined && `CONNECT ${probe.proxyConnectMs}`,
    probe.tlsMs !== undefined && `TLS ${probe.tlsMs}`,
  ].filter(Boolean);
  return `${parts.join('/')} ms`;
}

/** DNS, TCP and TLS to the Code Assist, OAuth and Gemini API hosts (only with `--online`). */
export async function checkUpstream(context: CheckContext): Promise<CheckOutcome> {
  if (!context.online)
    return outcome.skipped('not checked: pass --online to test DNS, TCP and TLS to Google');
  const probes = await Promise.all(
    upstreamTargets(context.env).map(async ({ name, url }) => ({
      name,
      ...(await probeNetwork(url, context.env, context.timeoutMs)),
    })),
  );
  const details = { probes };
  const failed = probes.find((probe) => probe.failedStep);
  if (failed) {
    const viaProxy = failed.via !== 'direct';
    return outcome.fail(
      `${failed.name} (${failed.target}, ${failed.via}) unreachable: ${failed.failedStep} failed (${failed.error})`,
      fixLink(viaProxy || failed.failedStep === 'proxy' ? 'proxy-settings' : 'google-unreachable'),
      details,
    );
  }
  const slow = probes.find(
    (probe) =>
      (probe.dnsMs ?? 0) + (probe.tcpMs ?? 0) + (probe.tlsMs ?? 0) + (probe.proxyConnectMs ?? 0) >
      3000,
  );
  const summary = probes.map((probe) => `${probe.name} ${timings(probe)}`).join('; ');
  const via = probes[0]?.via ?? 'direct';
  if (slow)
    return outcome.warn(
      `slow network to ${slow.name}: ${summary} (${via})`,
      fixLink('slow-responses'),
      details,
    );
  return outcome.pass(`${summary} (${via})`, details);
}
