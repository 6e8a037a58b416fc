import { createHash } from 'node:crypto';
import {
  AccountPool,
  type PoolAccountSnapshot,
  type PoolAccountState,
} from '../accounts/account-pool';
import { GatewayError } from '../gateway-error';
import type { Credential, CredentialSelector } from './send-upstream';

/** One Gemini API key as a credential; the id never contains the key. */
export interface ApiKeyCredential extends Credential {
  key: string;
}

/** One key as `/status` and the health-check show it: a fingerprint, never the key. */
export interface ApiKeyStatus {
  /** `api-key-<n>`, its position in GEMINI_API_KEY. */
  id: string;
  /** `api-key-<n> (sha256 1a2b3c4d)`: the first 8 hex digits of the key's SHA-256. */
  label: string;
  fingerprint: string;
  state: PoolAccountState;
  /** Why it is set aside (Google's message), when it is. */
  problem?: string;
  cooldowns: { model: string; until: string; terminal: boolean }[];
}

/** The selector of several API keys, plus their state for `/status` and the console. */
export interface ApiKeySelector extends CredentialSelector<ApiKeyCredential> {
  status(): ApiKeyStatus[];
  /** The pool's own view of each key (ids like `api-key-1`, never a key), for the console. */
  snapshot(): PoolAccountSnapshot[];
  /** Takes a key out of rotation (or back); false for an unknown id. */
  setDisabled(id: string, disabled: boolean): boolean;
}

/**
 * A short fingerprint of a key: the first 8 hex digits of its SHA-256 (an operator finds which
 * key it is with `printf %s "$KEY" | sha256sum | cut -c1-8`).
 */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Rotates several API keys like accounts: round-robin, a 429 cools that key down for the model
 * (the request moves to the next key), a 403 or Google's 400 `API_KEY_INVALID` sets the key
 * aside (the request moves to the next key too).
 */
export function createApiKeySelector(keys: readonly string[], now?: () => number): ApiKeySelector {
  const credentials = keys.map((key, index) => ({ id: `api-key-${index + 1}`, key }));
  const fingerprints = new Map(credentials.map((c) => [c.id, keyFingerprint(c.key)]));
  const pool = new AccountPool({
    ids: credentials.map((credential) => credential.id),
    ...(now ? { now } : {}),
  });
  return {
    async acquire({ model, exclude }) {
      const id = pool.pick(model, exclude);
      const credential = credentials.find((candidate) => candidate.id === id);
      if (credential) return credential;
      const next = pool.nextAvailableAt(model);
      const seconds =
        next === undefined ? undefined : Math.ceil((next - (now ?? Date.now)()) / 1000);
      throw new GatewayError({
        code: 'ACCOUNT_UNAVAILABLE',
        status: next === undefined ? 503 : 429,
        ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
        message:
          seconds === undefined
            ? 'No Gemini API key can be used: Google refused every key in GEMINI_API_KEY (see GET /status for each key by fingerprint). Check the keys in Google AI Studio.'
            : `Every Gemini API key is rate-limited for ${model}; retry in ${Math.max(1, seconds)}s.`,
      });
    },
    report(credential, outcome) {
      pool.recordAttempt(credential.id);
      if (outcome.kind === 'success') pool.recordSuccess(credential.id);
      else if (outcome.kind === 'rate-limited')
        pool.recordRateLimit(credential.id, outcome.model, outcome);
      else pool.markIneligible(credential.id, outcome.message);
    },
    async invalidate() {
      // An API key does not refresh; a 401 after the retry reaches the client.
    },
    snapshot: () => pool.snapshot(),
    setDisabled(id, disabled) {
      if (!credentials.some((credential) => credential.id === id)) return false;
      pool.setDisabled(id, disabled);
      return true;
    },
    status() {
      return pool.snapshot().map((snapshot) => {
        const fingerprint = fingerprints.get(snapshot.id) ?? '';
        return {
          id: snapshot.id,
          label: `${snapshot.id} (sha256 ${fingerprint})`,
          fingerprint,
          state: snapshot.state,
          ...(snapshot.problem ? { problem: snapshot.problem } : {}),
          cooldowns: snapshot.cooldowns.map((cooldown) => ({
            ...cooldown,
            until: new Date(cooldown.until).toISOString(),
          })),
        };
      });
    },
  };
}
