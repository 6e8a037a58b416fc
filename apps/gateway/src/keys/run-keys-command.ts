import { KEYS_USAGE, type KeysCommand } from './cli-args';
import { formatTable } from './format-table';
import { createKeyInputSchema, describeInputProblems, updateKeyInputSchema } from './key-input';
import type { KeyRepository, KeyView } from './key-repository';
import type { StoreDb } from '../store/store-schema';
import { USAGE_GROUPS, usageSummary, type UsageGroup } from '../usage/usage-query';

const DAY_MS = 86_400_000;

/** Runs one `npm run keys` command against the database; returns what to print on stdout. */
export async function runKeysCommand(
  command: KeysCommand,
  { keys, db }: { keys: KeyRepository; db: StoreDb },
): Promise<string> {
  switch (command.command) {
    case 'help':
      return KEYS_USAGE;
    case 'create': {
      const input = createKeyInputSchema.safeParse(command.fields);
      if (!input.success) throw new Error(describeInputProblems(input.error));
      const { key, record } = await keys.create(input.data);
      if (command.json) return `${JSON.stringify({ key, ...(await keys.view(record.id)) })}\n`;
      return (
        `Created key "${record.name}" (id ${record.id}).\n\n    ${key}\n\n` +
        'This is the only time the key is shown: give it to its user now. Clients send it like ' +
        'the password ("Authorization: Bearer <key>", x-goog-api-key, ?key=…).\n'
      );
    }
    case 'list': {
      const views = await keys.views();
      if (command.json) return `${JSON.stringify({ data: views })}\n`;
      if (views.length === 0)
        return 'No keys yet. Create one with: npm run keys -- create --name <name>\n';
      return formatTable(
        [
          'NAME',
          'ID',
          'PREFIX',
          'MODELS',
          'RPM',
          'TPM',
          'DAILY',
          'EXPIRES',
          'CREATED',
          'LAST USED',
          'TODAY',
          'STATE',
        ],
        views.map(describeKey),
      );
    }
    case 'update':
    case 'revoke': {
      const id = await resolveKey(keys, command.target ?? '');
      if (command.command === 'revoke') {
        const record = await keys.revoke(id);
        return `Revoked key "${record.name}" (id ${record.id}).\n`;
      }
      const input = updateKeyInputSchema.safeParse(command.fields);
      if (!input.success) throw new Error(describeInputProblems(input.error));
      const record = await keys.update(id, input.data);
      return command.json
        ? `${JSON.stringify(await keys.view(record.id))}\n`
        : `Updated key "${record.name}" (id ${record.id}).\n`;
    }
    case 'usage':
      return usageReport(db, command);
  }
}

async function resolveKey(keys: KeyRepository, target: string): Promise<string> {
  const all = await keys.list();
  const byId = all.find((key) => key.id === target);
  if (byId) return byId.id;
  const named = all.filter((key) => key.name === target && !key.revokedAt);
  if (named.length === 1 && named[0]) return named[0].id;
  throw new Error(`No active key has the id or name "${target}". See: npm run keys -- list`);
}

function describeKey(key: KeyView): string[] {
  const state = key.revoked_at
    ? 'revoked'
    : key.expires_at && Date.parse(key.expires_at) <= Date.now()
      ? 'expired'
      : 'active';
  return [
    key.name,
    key.id,
    key.prefix,
    key.models?.join(',') ?? '*',
    limit(key.rpm),
    limit(key.tpm),
    limit(key.daily_tokens),
    key.expires_at?.slice(0, 16) ?? '-',
    key.created_at.slice(0, 16),
    key.last_used_at?.slice(0, 16) ?? '-',
    `${key.usage_today.requests} req / ${key.usage_today.tokens} tok`,
    state,
  ];
}

function limit(value: number | null): string {
  return value === null ? '-' : String(value);
}

async function usageReport(db: StoreDb, command: KeysCommand): Promise<string> {
  const now = Date.now();
  const from = parseTime(command.from, new Date(now - 7 * DAY_MS), '--from');
  const to = parseTime(command.to, new Date(now + 1), '--to');
  const groups = (command.groupBy ?? 'key').split(',').map((group) => group.trim());
  const unknown = groups.filter((group) => !(USAGE_GROUPS as readonly string[]).includes(group));
  if (unknown.length)
    throw new Error(`--group-by takes ${USAGE_GROUPS.join(', ')}; not ${unknown.join(', ')}.`);
  const groupBy = groups as UsageGroup[];
  const rows = await usageSummary(db, { from, to, groupBy });
  if (command.json) return `${JSON.stringify({ from, to, group_by: groupBy, data: rows })}\n`;
  if (rows.length === 0)
    return `No requests between ${from.toISOString()} and ${to.toISOString()}.\n`;
  const headers = [
    ...groupBy.map((group) => group.toUpperCase()),
    'REQUESTS',
    'ERRORS',
    'PROMPT',
    'COMPLETION',
    'REASONING',
    'CACHED',
    'TOTAL',
    'P50 MS',
    'P95 MS',
  ];
  const table = rows.map((row) => [
    ...groupBy.map((group) =>
      group === 'key' ? (row.key_name ?? '(none)') : String(row[group] ?? '-'),
    ),
    String(row.requests),
    String(row.errors),
    String(row.prompt_tokens),
    String(row.completion_tokens),
    String(row.reasoning_tokens),
    String(row.cached_tokens),
    String(row.total_tokens),
    row.latency_ms_p50 === null ? '-' : String(Math.round(row.latency_ms_p50)),
    row.latency_ms_p95 === null ? '-' : String(Math.round(row.latency_ms_p95)),
  ]);
  return `Usage from ${from.toISOString()} to ${to.toISOString()}\n\n${formatTable(headers, table)}`;
}

function parseTime(text: string | undefined, fallback: Date, flag: string): Date {
  if (text === undefined) return fallback;
  const time = new Date(text);
  if (Number.isNaN(time.getTime()))
    throw new Error(`${flag} needs an ISO time such as 2030-01-31.`);
  return time;
}
