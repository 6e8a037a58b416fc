import { REQUEST_COLUMNS } from '../store/usage-columns';
import type { StoreDb } from '../store/store-schema';

/** What `/admin/usage` can group by. */
export const USAGE_GROUPS = ['key', 'model', 'day', 'surface', 'status'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

/** One row of `/admin/usage`. */
export interface UsageRow {
  key_id?: string | null;
  key_name?: string | null;
  model?: string;
  day?: string;
  surface?: string;
  status?: number;
  requests: number;
  errors: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  cached_tokens: number;
  total_tokens: number;
  latency_ms_p50: number | null;
  latency_ms_p95: number | null;
}

interface Bucket {
  row: UsageRow;
  latencies: number[];
}

/**
 * Sums the ledger between `from` (inclusive) and `to` (exclusive), grouped by any subset of
 * key, model, day (UTC), surface and status, with latency percentiles per group.
 */
export async function usageSummary(
  db: StoreDb,
  { from, to, groupBy }: { from: Date; to: Date; groupBy: readonly UsageGroup[] },
): Promise<UsageRow[]> {
  const rows = await db
    .selectFrom('usage_events')
    .select([
      'time',
      'key_id',
      'key_name',
      'model',
      'surface',
      'status',
      'prompt_tokens',
      'completion_tokens',
      'reasoning_tokens',
      'cached_tokens',
      'latency_ms',
    ])
    .where('time', '>=', from.toISOString())
    .where('time', '<', to.toISOString())
    .execute();
  const buckets = new Map<string, Bucket>();
  const has = new Set(groupBy);
  for (const event of rows) {
    const row: UsageRow = {
      ...(has.has('key') ? { key_id: event.key_id, key_name: event.key_name } : {}),
      ...(has.has('model') ? { model: event.model } : {}),
      ...(has.has('day') ? { day: event.time.slice(0, 10) } : {}),
      ...(has.has('surface') ? { surface: event.surface } : {}),
      ...(has.has('status') ? { status: Number(event.status) } : {}),
      requests: 0,
      errors: 0,
      prompt_tokens: 0,
      completion_tokens: 0,
      reasoning_tokens: 0,
      cached_tokens: 0,
      total_tokens: 0,
      latency_ms_p50: null,
      latency_ms_p95: null,
    };
    const id = JSON.stringify([row.key_id, row.model, row.day, row.surface, row.status]);
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = { row, latencies: [] };
      buckets.set(id, bucket);
    }
    const sum = bucket.row;
    sum.requests += 1;
    if (Number(event.status) >= 400) sum.errors += 1;
    sum.prompt_tokens += Number(event.prompt_tokens);
    sum.completion_tokens += Number(event.completion_tokens);
    sum.reasoning_tokens += Number(event.reasoning_tokens);
    sum.cached_tokens += Number(event.cached_tokens);
    bucket.latencies.push(Number(event.latency_ms));
  }
  return [...buckets.values()].map(({ row, latencies }) => {
    latencies.sort((a, b) => a - b);
    row.total_tokens = row.prompt_tokens + row.completion_tokens;
    row.latency_ms_p50 = percentile(latencies, 0.5);
    row.latency_ms_p95 = percentile(latencies, 0.95);
    return row;
  });
}

function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? null;
}

/** One row of `/admin/requests`. */
export interface RequestRow {
  time: string;
  key_id: string | null;
  key_name: string | null;
  surface: string;
  model: string;
  served_model: string | null;
  backend: string;
  account: string | null;
  status: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  cached_tokens: number;
  latency_ms: number;
}

/** The latest `limit` requests, newest first. */
export async function recentRequests(db: StoreDb, limit: number): Promise<RequestRow[]> {
  const rows = await db
    .selectFrom('usage_events')
    .select(REQUEST_COLUMNS)
    .orderBy('time', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    status: Number(row.status),
    prompt_tokens: Number(row.prompt_tokens),
    completion_tokens: Number(row.completion_tokens),
    reasoning_tokens: Number(row.reasoning_tokens),
    cached_tokens: Number(row.cached_tokens),
    latency_ms: Number(row.latency_ms),
  }));
}
