/**
 * The JSON the admin API (`/admin/*`) and the console's own API (`/console/api/*`) answer, typed
 * once: the server builds these and the console (apps/gateway/console, a browser bundle) reads
 * them. No imports, so the browser build can use this file as it is.
 */

/** One account or API key as `GET /admin/accounts` shows it (snake_case, never a secret). */
export interface AccountView {
  /** A fingerprint of the account's internal id: stable, URL-safe, reveals nothing. */
  id: string;
  kind: 'code-assist' | 'api-key';
  /** The credential file's name, the env variable, or `API key n`. */
  label: string;
  state: 'ready' | 'ineligible' | 'relogin-required' | 'failing';
  disabled: boolean;
  /** Why the account is not ready, in plain words. */
  problem: string | null;
  eligibility: { reason: string; actionUrl?: string } | null;
  tier: string | null;
  project: string | null;
  cooldowns: { model: string; until: string; terminal: boolean }[];
  quota: {
    checked_at: string;
    buckets: { model: string; remaining_fraction: number; reset_time: string | null }[];
  } | null;
  counters: {
    requests: number;
    successes: number;
    rate_limited: number;
    forbidden: number;
    failures: number;
  };
}

/** A key as `/admin/keys` and `keys list` show it. */
export interface KeyView {
  id: string;
  name: string;
  prefix: string;
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  daily_tokens: number | null;
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  usage_today: { requests: number; tokens: number };
}

/** One row of `/admin/usage`: the sums of one group (its fields are those grouped by). */
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

/** One point of a traffic chart. */
export interface TrafficPoint {
  /** Start of the bucket (ISO). */
  time: string;
  requests: number;
  /** Answers with a status of 400 or more (including 429s and cut streams). */
  errors: number;
  latency_ms_p50: number | null;
  latency_ms_p95: number | null;
}

/** One dependency's health on the overview (Google, the database, Redis). */
export interface DependencyHealth {
  name: string;
  state: 'ok' | 'degraded' | 'down' | 'not-configured';
  /** Plain words: why. */
  detail: string;
  /** What `detail` says, as a code and its values, for the console to say it in its language. */
  reason?: { code: DependencyReason; values: Record<string, string | number> };
}

/** The reasons a {@link DependencyHealth} can give (each with an English and a Chinese text). */
export type DependencyReason =
  | 'google-no-credentials'
  | 'google-none-usable'
  | 'google-cooling-down'
  | 'google-failing'
  | 'google-ready'
  | 'database-refuses-writes'
  | 'database-not-used'
  | 'redis-not-used';

/** `GET /console/api/overview`. */
export interface Overview {
  backend: string;
  backend_state: string;
  failover_to_api_key: boolean;
  version: string;
  started_at: string;
  uptime_seconds: number;
  accounts: { total: number; ready: number; cooling_down: number; disabled: number };
  traffic: { hour: TrafficPoint[]; day: TrafficPoint[] };
  dependencies: DependencyHealth[];
}

/** One model of `GET /console/api/models`. */
export interface ModelRow {
  id: string;
  display_name: string;
  input_token_limit: number;
  output_token_limit: number;
  thinking: 'budget' | 'level' | 'none';
  variants: string[];
  aliases: { alias: string; target: string }[];
  fallbacks: readonly string[];
  backend: string;
}
