import { createHash } from 'node:crypto';
import type { PoolAccountSnapshot } from './account-pool';
import type { ApiKeySelector } from '../upstream/api-key-selector';
import type { AccountStatus, CodeAssistPool } from './code-assist-pool';
import type { AccountView } from '../admin/admin-api-types';

/** Every credential the backend rotates: Code Assist accounts and Gemini API keys. */
export interface ManagedCredentials {
  codeAssist?: CodeAssistPool | undefined;
  apiKeys?: ApiKeySelector | undefined;
}

export type { AccountView };

/** A short, stable fingerprint of an internal id (a path or env name), never the id itself. */
export function fingerprint(kind: AccountView['kind'], internalId: string): string {
  return createHash('sha256').update(`${kind}:${internalId}`).digest('hex').slice(0, 12);
}

function counters(snapshot: Pick<PoolAccountSnapshot, 'counters'>): AccountView['counters'] {
  const { requests, successes, rateLimited, forbidden, failures } = snapshot.counters;
  return { requests, successes, rate_limited: rateLimited, forbidden, failures };
}

/** The problem as the console shows it: the account's label (file name) instead of its path. */
function problemOf(status: AccountStatus): string | null {
  return typeof status.problem === 'string'
    ? status.problem.split(status.id).join(status.label)
    : null;
}

function fromCodeAssist(status: AccountStatus): AccountView {
  return {
    id: fingerprint('code-assist', status.id),
    kind: 'code-assist',
    label: status.label,
    state: status.state,
    disabled: status.disabled === true,
    problem: problemOf(status),
    eligibility: status.eligibility ?? null,
    tier: status.tier,
    project: status.project,
    cooldowns: status.cooldowns,
    quota: status.quota
      ? {
          checked_at: status.quota.checkedAt,
          buckets: status.quota.buckets.map((bucket) => ({
            model: bucket.model,
            remaining_fraction: bucket.remainingFraction,
            reset_time: bucket.resetTime ?? null,
          })),
        }
      : null,
    counters: counters(status),
  };
}

function fromApiKey(snapshot: PoolAccountSnapshot, index: number): AccountView {
  return {
    id: fingerprint('api-key', snapshot.id),
    kind: 'api-key',
    label: `API key ${index + 1}`,
    state: snapshot.state,
    disabled: snapshot.disabled === true,
    problem: snapshot.problem ?? null,
    eligibility: snapshot.eligibility ?? null,
    tier: null,
    project: null,
    cooldowns: snapshot.cooldowns.map((cooldown) => ({
      model: cooldown.model,
      until: new Date(cooldown.until).toISOString(),
      terminal: cooldown.terminal,
    })),
    quota: null,
    counters: counters(snapshot),
  };
}

/** Every Code Assist account, then every API key, as `GET /admin/accounts` lists them. */
export function listAccounts(managed: ManagedCredentials): AccountView[] {
  return [
    ...(managed.codeAssist?.status() ?? []).map(fromCodeAssist),
    ...(managed.apiKeys?.snapshot() ?? []).map(fromApiKey),
  ];
}

/** Disables or enables the account with fingerprint `id`; its new view, or undefined if unknown. */
export function setAccountDisabled(
  managed: ManagedCredentials,
  id: string,
  disabled: boolean,
): AccountView | undefined {
  const account = managed.codeAssist
    ?.status()
    .find((status) => fingerprint('code-assist', status.id) === id);
  if (account) managed.codeAssist?.setDisabled(account.id, disabled);
  const key = account
    ? undefined
    : managed.apiKeys?.snapshot().find((snapshot) => fingerprint('api-key', snapshot.id) === id);
  if (key) managed.apiKeys?.setDisabled(key.id, disabled);
  if (!account && !key) return undefined;
  return listAccounts(managed).find((view) => view.id === id);
}
