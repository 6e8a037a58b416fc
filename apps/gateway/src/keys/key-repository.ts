import type { Selectable } from 'kysely';
import type { ApiKeyTable, StoreDb } from '../store/store-schema';
import { generateKeySecret } from './key-secret';
import type { CreateKeyInput, UpdateKeyInput } from './key-input';
import type { KeyView } from '../admin/admin-api-types';

/** A stored key as the code uses it (no secret, only its hash). */
export interface KeyRecord {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  dailyTokens: number | null;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type { KeyView };

/** A create or update that cannot be done (name taken, unknown id). */
export class KeyConflictError extends Error {
  constructor(
    readonly kind: 'duplicate-name' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'KeyConflictError';
  }
}

/** The keys table: create, read, update and revoke. */
export class KeyRepository {
  constructor(
    private readonly db: StoreDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a key; returns it with the whole secret (which is never stored). */
  async create(input: CreateKeyInput): Promise<{ key: string; record: KeyRecord }> {
    await this.assertNameFree(input.name);
    const secret = generateKeySecret();
    const row: Selectable<ApiKeyTable> = {
      id: secret.id,
      name: input.name,
      prefix: secret.prefix,
      hash: secret.hash,
      models: input.models ? JSON.stringify(input.models) : null,
      rpm: input.rpm ?? null,
      tpm: input.tpm ?? null,
      daily_tokens: input.daily_tokens ?? null,
      expires_at: input.expires_at ?? null,
      created_at: this.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.insertInto('api_keys').values(row).execute();
    return { key: secret.key, record: toRecord(row) };
  }

  async list(): Promise<KeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  async get(id: string): Promise<KeyRecord | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Changes the given fields (null clears a limit); throws not-found for an unknown id. */
  async update(id: string, input: UpdateKeyInput): Promise<KeyRecord> {
    const current = await this.require(id);
    if (input.name !== undefined && input.name !== current.name)
      await this.assertNameFree(input.name);
    const changes: Partial<ApiKeyTable> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.models !== undefined)
      changes.models = input.models ? JSON.stringify(input.models) : null;
    if (input.rpm !== undefined) changes.rpm = input.rpm;
    if (input.tpm !== undefined) changes.tpm = input.tpm;
    if (input.daily_tokens !== undefined) changes.daily_tokens = input.daily_tokens;
    if (input.expires_at !== undefined) changes.expires_at = input.expires_at;
    if (Object.keys(changes).length > 0)
      await this.db.updateTable('api_keys').set(changes).where('id', '=', id).execute();
    return this.require(id);
  }

  /** Revokes a key (kept, for its usage history); revoking twice keeps the first time. */
  async revoke(id: string): Promise<KeyRecord> {
    const current = await this.require(id);
    if (!current.revokedAt)
      await this.db
        .updateTable('api_keys')
        .set({ revoked_at: this.now().toISOString() })
        .where('id', '=', id)
        .execute();
    return this.require(id);
  }

  /** Records when keys were last used (called with the ledger's batches). */
  async touch(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    for (const [id, time] of lastUsed)
      await this.db
        .updateTable('api_keys')
        .set({ last_used_at: time })
        .where('id', '=', id)
        .where((where) =>
          where.or([where('last_used_at', 'is', null), where('last_used_at', '<', time)]),
        )
        .execute();
  }

  /** Requests and tokens per key since midnight UTC, from the ledger. */
  async usageToday(): Promise<Map<string, { requests: number; tokens: number }>> {
    const since = startOfUtcDay(this.now()).toISOString();
    const rows = await this.db
      .selectFrom('usage_events')
      .select((select) => [
        'key_id',
        select.fn.countAll().as('requests'),
        select.fn.sum('prompt_tokens').as('prompt'),
        select.fn.sum('completion_tokens').as('completion'),
      ])
      .where('time', '>=', since)
      .where('key_id', 'is not', null)
      .groupBy('key_id')
      .execute();
    return new Map(
      rows.map((row) => [
        String(row.key_id),
        {
          requests: Number(row.requests),
          tokens: Number(row.prompt ?? 0) + Number(row.completion ?? 0),
        },
      ]),
    );
  }

  /** Every key as shown to operators, with today's usage. */
  async views(): Promise<KeyView[]> {
    const [records, usage] = await Promise.all([this.list(), this.usageToday()]);
    return records.map((record) => toView(record, usage.get(record.id)));
  }

  async view(id: string): Promise<KeyView> {
    const [record, usage] = await Promise.all([this.require(id), this.usageToday()]);
    return toView(record, usage.get(record.id));
  }

  private async require(id: string): Promise<KeyRecord> {
    const record = await this.get(id);
    if (!record) throw new KeyConflictError('not-found', `No key has the id ${id}.`);
    return record;
  }

  private async assertNameFree(name: string): Promise<void> {
    const taken = await this.db
      .selectFrom('api_keys')
      .select('id')
      .where('name', '=', name)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (taken)
      throw new KeyConflictError(
        'duplicate-name',
        `An active key named "${name}" exists already (id ${taken.id}). Choose another name or revoke that key first.`,
      );
  }
}

/** Midnight UTC of the day of `time`. */
export function startOfUtcDay(time: Date): Date {
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()));
}

function toRecord(row: Selectable<ApiKeyTable>): KeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    hash: row.hash,
    models: row.models ? (JSON.parse(row.models) as string[]) : null,
    rpm: row.rpm === null ? null : Number(row.rpm),
    tpm: row.tpm === null ? null : Number(row.tpm),
    dailyTokens: row.daily_tokens === null ? null : Number(row.daily_tokens),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** The operator's view of a key (never its hash). */
export function toView(
  record: KeyRecord,
  usage: { requests: number; tokens: number } = { requests: 0, tokens: 0 },
): KeyView {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    models: record.models,
    rpm: record.rpm,
    tpm: record.tpm,
    daily_tokens: record.dailyTokens,
    expires_at: record.expiresAt,
    created_at: record.createdAt,
    last_used_at: record.lastUsedAt,
    revoked_at: record.revokedAt,
    usage_today: usage,
  };
}
