import { field } from './http-probe';

/** What the health check makes of one account entry of the gateway's `/status`. */
export interface AccountSummary {
  label: string;
  tier?: string | undefined;
  project?: string | undefined;
  /** A hard problem: the account cannot serve requests. */
  problem?: string | undefined;
  /** A soft problem: cooling down, rate-limited. */
  cooldown?: string | undefined;
}

const BAD_STATES =
  /inelig|error|invalid|disabled|fail|relogin|revoked|expired|forbidden|unusable|broken/i;
const COOL_STATES = /cool|rate.?limit|quota|exhaust|backoff|throttl|failing|retry/i;

/** Finds the account entries in a `/status` body, whatever its exact shape. */
export function findAccounts(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const direct = field(body, 'accounts');
  if (Array.isArray(direct)) return direct;
  if (typeof body === 'object' && body !== null) {
    for (const value of Object.values(body)) {
      const nested = field(value, 'accounts');
      if (Array.isArray(nested)) return nested;
    }
  }
  return [];
}

/** Reads one account entry defensively: unknown fields are ignored, known ones interpreted. */
export function summarizeAccount(entry: unknown, index: number): AccountSummary {
  const text = (key: string): string | undefined => describe(field(entry, key));
  const label =
    text('email') ??
    text('id') ??
    text('name') ??
    text('label') ??
    text('source') ??
    `account ${index + 1}`;
  const tier = text('tier') ?? text('tierId') ?? text('currentTier');
  const project = text('project') ?? text('projectId') ?? text('cloudaicompanionProject');
  const problems: string[] = [];
  const eligibility = field(entry, 'eligibility');
  if (
    eligibility !== undefined &&
    eligibility !== null &&
    !/^(eligible|ok|ready)$/i.test(String(describe(eligibility)))
  ) {
    problems.push(describe(eligibility) ?? 'ineligible');
  }
  for (const key of ['problem', 'error', 'lastError', 'eligibilityError']) {
    const value = describe(field(entry, key));
    if (value) problems.push(value);
  }
  const state = text('state') ?? text('status');
  let cooldown: string | undefined;
  if (state && COOL_STATES.test(state))
    cooldown = `state ${state}${problems.length ? `: ${problems.splice(0).join('; ')}` : ''}`;
  else if (state && BAD_STATES.test(state) && problems.length === 0)
    problems.push(`state ${state}`);
  const cooldowns = field(entry, 'cooldowns');
  if (Array.isArray(cooldowns) && cooldowns.length > 0) {
    const models = cooldowns.map((item) => describe(field(item, 'model')) ?? '?');
    const until = describe(field(cooldowns[0], 'until'));
    cooldown = `cooling down for ${models.join(', ')}${until ? ` until ${until}` : ''}`;
  }
  const buckets = field(field(entry, 'quota'), 'buckets');
  const exhausted = Array.isArray(buckets)
    ? buckets.filter((bucket) => field(bucket, 'remainingFraction') === 0)
    : [];
  if (exhausted.length > 0 && !cooldown) {
    cooldown = `quota exhausted for ${exhausted.map((bucket) => describe(field(bucket, 'model'))).join(', ')}`;
  }
  for (const key of ['cooldownUntil', 'coolingDownUntil', 'cooldown', 'retryAt', 'availableAt']) {
    const value = field(entry, key);
    const until =
      typeof value === 'number'
        ? value
        : typeof value === 'string'
          ? Date.parse(value)
          : Number.NaN;
    if (!Number.isNaN(until) && until > Date.now())
      cooldown = `cooling down for ${Math.ceil((until - Date.now()) / 1000)} s`;
    else if (typeof value === 'string' && Number.isNaN(until) && value)
      cooldown = `cooldown ${value}`;
  }
  if (field(entry, 'available') === false && problems.length === 0 && !cooldown)
    problems.push('not available');
  return {
    label,
    tier,
    project,
    problem: problems.length ? problems.join('; ') : undefined,
    cooldown,
  };
}

/** A short human text for a JSON value: strings as-is, objects by their reason/code/message. */
function describe(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  const parts = ['reason', 'reasonCode', 'code', 'status', 'id', 'message', 'reasonMessage']
    .map((key) => field(value, key))
    .filter((part): part is string | number => typeof part === 'string' || typeof part === 'number')
    .map(String);
  return parts.length ? [...new Set(parts)].join(': ') : JSON.stringify(value).slice(0, 200);
}
