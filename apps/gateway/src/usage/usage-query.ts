import { sql, type RawBuilder } from 'kysely';
import type { RequestRow, UsageRow } from '../admin/admin-api-types';
import { REQUEST_COLUMNS } from '../store/usage-columns';
import type { StoreDb } from '../store/store-schema';

/** What `/admin/usage` can group by. */
export const USAGE_GROUPS = ['key', 'model', 'day', 'surface', 'status'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

export type { UsageRow };

/** The SQL of each group: its columns in the answer and the expression it groups by. */
const GROUP_SQL: Record<UsageGroup, { select: string; by: string }> = {
  key: { select: 'key_id, MAX(key_name) AS key_name', by: 'key_id' },
  model: { select: 'model', by: 'model' },
  day: { select: 'SUBSTR(time, 1, 10) AS day', by: 'SUBSTR(time, 1, 10)' },
  surface: { select: 'surface', by: 'surface' },
  status: { select: 'status', by: 'status' },
};

type TokenColumn = 'prompt_tokens' | 'completion_tokens' | 'reasoning_tokens' | 'cached_tokens';

/** A group's columns as the database answers them (numbers may come back as strings). */
type GroupColumns = Partial<Record<'key_id' | 'key_name' | Exclude<UsageGroup, 'key'>, unknown>>;

/**
 * Sums the ledger between `from` (inclusive) and `to` (exclusive), grouped by any subset of
 * key, model, day (UTC), surface and status, with latency percentiles per group. The database
 * does the work (GROUP BY for the sums, window functions for the percentiles), so a ledger of
 * millions of rows never reaches the gateway's memory, on SQLite and PostgreSQL alike.
 */
export async function usageSummary(
  db: StoreDb,
  { from, to, groupBy }: { from: Date; to: Date; groupBy: readonly UsageGroup[] },
): Promise<UsageRow[]> {
  const groups = USAGE_GROUPS.filter((group) => groupBy.includes(group));
  const by = groups.map((group) => GROUP_SQL[group].by).join(', ');
  const period = sql`time >= ${from.toISOString()} AND time < ${to.toISOString()}`;
  const columns = [...groups.map((group) => GROUP_SQL[group].select), 'COUNT(*) AS requests'];
  const sums = await sql<
    GroupColumns & Partial<Record<'requests' | 'errors' | TokenColumn, unknown>>
  >`
    SELECT ${sql.raw(columns.join(', '))},
      SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END) AS errors,
      SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens,
      SUM(reasoning_tokens) AS reasoning_tokens, SUM(cached_tokens) AS cached_tokens
    FROM usage_events WHERE ${period}
    ${sql.raw(by ? `GROUP BY ${by}` : '')}`.execute(db);
  const rows = sums.rows.filter((row) => Number(row.requests) > 0);
  if (rows.length === 0) return [];
  const latencies = await latencyPercentiles(db, groups, period);
  return rows.map((row) => {
    const tokens = (column: TokenColumn) => Number(row[column] ?? 0);
    const latency = latencies.get(
      groupId(groups, (group) => (group === 'key' ? row.key_id : row[group])),
    );
    return {
      ...(groups.includes('key')
        ? { key_id: nullableText(row.key_id), key_name: nullableText(row.key_name) }
        : {}),
      ...(groups.includes('model') ? { model: String(row.model) } : {}),
      ...(groups.includes('day') ? { day: String(row.day) } : {}),
      ...(groups.includes('surface') ? { surface: String(row.surface) } : {}),
      ...(groups.includes('status') ? { status: Number(row.status) } : {}),
      requests: Number(row.requests),
      errors: Number(row.errors ?? 0),
      prompt_tokens: tokens('prompt_tokens'),
      completion_tokens: tokens('completion_tokens'),
      reasoning_tokens: tokens('reasoning_tokens'),
      cached_tokens: tokens('cached_tokens'),
      total_tokens: tokens('prompt_tokens') + tokens('completion_tokens'),
      latency_ms_p50: latency?.p50 ?? null,
      latency_ms_p95: latency?.p95 ?? null,
    };
  });
}

/**
 * The p50 and p95 latency of each group (nearest rank: the ⌈q·n⌉-th smallest): the database
 * numbers each group's latencies in order and answers only the two ranks wanted.
 */
async function latencyPercentiles(
  db: StoreDb,
  groups: readonly UsageGroup[],
  period: RawBuilder<unknown>,
): Promise<Map<string, { p50: number | null; p95: number | null }>> {
  const partition = groups.length
    ? `PARTITION BY ${groups.map((group) => GROUP_SQL[group].by).join(', ')}`
    : '';
  const keys = groups.map((group) => `${GROUP_SQL[group].by} AS g_${group}, `).join('');
  const ranked = await sql<Record<string, unknown>>`
    SELECT * FROM (
      SELECT ${sql.raw(keys)} latency_ms,
        ROW_NUMBER() OVER (${sql.raw(partition)} ORDER BY latency_ms) AS position,
        COUNT(*) OVER (${sql.raw(partition)}) AS size
      FROM usage_events WHERE ${period}
    ) ranked
    WHERE position = (size + 1) / 2 OR position = (95 * size + 99) / 100`.execute(db);
  const found = new Map<string, { p50: number | null; p95: number | null }>();
  for (const row of ranked.rows) {
    const id = groupId(groups, (group) => row[`g_${group}`]);
    const entry = found.get(id) ?? { p50: null, p95: null };
    const position = Number(row['position']);
    const size = Number(row['size']);
    if (position === Math.floor((size + 1) / 2)) entry.p50 = Number(row['latency_ms']);
    if (position === Math.floor((95 * size + 99) / 100)) entry.p95 = Number(row['latency_ms']);
    found.set(id, entry);
  }
  return found;
}

function groupId(groups: readonly UsageGroup[], value: (group: UsageGroup) => unknown): string {
  return JSON.stringify(groups.map((group) => String(value(group) ?? '')));
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export type { RequestRow };

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
