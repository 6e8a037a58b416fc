import type { Generated, Kysely } from 'kysely';

/** A client API key as stored: never the key itself, only its SHA-256. */
export interface ApiKeyTable {
  id: string;
  name: string;
  /** The first characters of the key (`g2a-` and the start of its id), for people to recognise. */
  prefix: string;
  /** Hex SHA-256 of the whole key. */
  hash: string;
  /** JSON array of model globs, or null for every model. */
  models: string | null;
  rpm: number | null;
  tpm: number | null;
  daily_tokens: number | null;
  /** ISO-8601 UTC times (they sort as text alike in SQLite and PostgreSQL). */
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One answered request in the usage ledger. */
export interface UsageEventTable {
  id: Generated<number>;
  time: string;
  request_id: string;
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

/** The database as Kysely sees it. */
export interface StoreSchema {
  api_keys: ApiKeyTable;
  usage_events: UsageEventTable;
}

/** The query layer shared by SQLite and PostgreSQL. */
export type StoreDb = Kysely<StoreSchema>;
