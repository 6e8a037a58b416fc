/** The event columns of the usage ledger (`usage_events`), besides its own id: written per request. */
export const REQUEST_COLUMNS = [
  'time',
  'key_id',
  'key_name',
  'surface',
  'model',
  'served_model',
  'backend',
  'account',
  'status',
  'prompt_tokens',
  'completion_tokens',
  'reasoning_tokens',
  'cached_tokens',
  'latency_ms',
] as const;

/** Every column a ledger insert writes: the request columns plus the gateway's request id. */
export const USAGE_COLUMNS = ['request_id', ...REQUEST_COLUMNS] as const;
