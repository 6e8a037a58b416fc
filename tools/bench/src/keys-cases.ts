/**
 * The throughput cases again with client keys and the usage ledger on: every request is
 * authenticated by a `g2a-` key with an allow-list and limits (counted in their windows) and
 * recorded in the ledger. On the embedded SQLite database, and with Redis + PostgreSQL (the
 * replica setup: TEST_REDIS_URL / TEST_DATABASE_URL, as tools/scripts/with-services.sh sets them).
 */
import type { BenchSettings, CaseResult } from './case-result';
import { BENCH_PASSWORD } from './stack';
import { percentOf, truncated, formatSpread } from './stats';
import { compareWithFloor, figures } from './throughput-cases';

/** Creates a client key on the running gateway; returns the headers that present it. */
async function keyHeaders(gatewayUrl: string): Promise<Record<string, string>> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_PASSWORD}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `bench-${Date.now()}`,
      models: ['gemini-*'],
      // High enough never to refuse, so the windows are counted on every request.
      rpm: 100_000_000,
      tpm: 1_000_000_000_000,
    }),
  });
  const body = (await response.json()) as { key?: string };
  if (response.status !== 201 || !body.key)
    throw new Error(`bench: could not create a client key (${response.status})`);
  return { authorization: `Bearer ${body.key}`, 'content-type': 'application/json' };
}

function sharedServices(): Record<string, string> {
  const redis = process.env['TEST_REDIS_URL'];
  const database = process.env['TEST_DATABASE_URL'];
  if (!redis || !database)
    throw new Error(
      'bench: the shared-state case needs Redis and PostgreSQL: run it under ' +
        'tools/scripts/with-services.sh (Debian packages redis-server and postgresql).',
    );
  return { REDIS_URL: redis, DATABASE_URL: database };
}

/** The passthrough case with a client key and the ledger on SQLite. */
export async function passthroughKeysCase(settings: BenchSettings): Promise<CaseResult> {
  const result = await compareWithFloor({
    latencyMs: 0,
    connections: 16,
    durationSeconds: settings.durationSeconds,
    repeats: settings.repeats,
    gatewayHeaders: keyHeaders,
  });
  const ratio = result.ratio.median;
  return {
    name: 'non-stream chat, 0 ms upstream, 16 connections, client key + ledger on SQLite (req/s)',
    target: 'gateway ≥ 0.45 × floor',
    ...figures(result),
    ratio: `${truncated(ratio, 2)} × floor (repeats ${formatSpread(result.ratio, 2)})`,
    met: ratio >= 0.45 && result.failures === 0,
  };
}

/** The 256-connection case with a client key, limits in Redis and the ledger in PostgreSQL. */
export async function latencySharedCase(settings: BenchSettings): Promise<CaseResult> {
  const connections = 256;
  const ideal = connections / 0.2;
  const result = await compareWithFloor({
    latencyMs: 200,
    connections,
    durationSeconds: settings.smoke ? 2 : 10,
    repeats: settings.repeats,
    counted: true,
    warmupPerConnection: 5,
    gatewayEnv: sharedServices(),
    gatewayHeaders: keyHeaders,
  });
  return {
    name: 'non-stream chat, 200 ms upstream, 256 connections, client key, Redis + PostgreSQL (req/s)',
    target: `≥ 93 % of ideal (${ideal.toFixed(0)} req/s)`,
    ...figures(result),
    ratio: `${percentOf(result.gateway.median, ideal)} of ideal`,
    met: result.gateway.median / ideal >= 0.93 && result.failures === 0,
  };
}
