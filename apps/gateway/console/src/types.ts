/** GET /admin/accounts items. */
export interface Account {
  id: string;
  kind: 'code-assist' | 'api-key';
  label: string;
  state: 'ready' | 'ineligible' | 'relogin-required' | 'failing';
  disabled: boolean;
  problem: string | null;
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

export interface TrafficPoint {
  time: string;
  requests: number;
  errors: number;
  latency_ms_p50: number | null;
  latency_ms_p95: number | null;
}

/** GET /console/api/overview. */
export interface Overview {
  backend: string;
  backend_state: string;
  version: string;
  uptime_seconds: number;
  accounts: { total: number; ready: number; cooling_down: number; disabled: number };
  traffic: { hour: TrafficPoint[]; day: TrafficPoint[] };
  dependencies: { name: string; state: string; detail: string }[];
  features: { keys: boolean };
}

/** The /admin/keys contract. */
export interface Key {
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

export interface UsageRow {
  key_id?: string;
  key_name?: string;
  model?: string;
  day?: string;
  requests: number;
  errors: number;
  total_tokens: number;
  latency_ms_p50: number | null;
  latency_ms_p95: number | null;
}

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

export interface ModelRow {
  id: string;
  display_name: string;
  input_token_limit: number;
  output_token_limit: number;
  thinking: string;
  variants: string[];
  aliases: { alias: string; target: string }[];
  fallbacks: string[];
  backend: string;
}

/** What a page gets: where to render, and a way to run a timer that stops when the page is left. */
export interface PageContext {
  main: HTMLElement;
  every(ms: number, run: () => void): void;
  features: { keys: boolean };
}
