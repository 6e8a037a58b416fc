import { randomBytes } from 'node:crypto';
import {
  createAccountState,
  DEMO_ACCOUNT,
  type EmulatorAccount,
  type EmulatorAccountState,
  type EmulatorTierId,
} from './emulator-account';
import {
  DEFAULT_EMULATOR_MODELS,
  type EmulatorOptions,
  type RecordedRequest,
} from './emulator-options';
import type { Responder } from './responder';
import { createFaultQueue, type FaultQueue } from './scripted-fault';

/** A pending or finished onboarding operation. */
export interface OnboardOperation {
  id: string;
  refreshToken: string;
  tierId: EmulatorTierId;
  /** The project the operation will report; undefined when the tier needs one and none was sent. */
  project?: string;
  polls: number;
  done: boolean;
}

/** Options with defaults applied. */
export interface ResolvedEmulatorOptions {
  latencyMs: number;
  chunkDelayMs: number;
  streamChunkCount: number;
  accessTokenLifetimeSeconds: number;
  models: readonly string[];
  respond?: Responder;
  recordRequests: boolean;
  arrayWrapStreamErrors: boolean;
  apiKeys: readonly string[];
}

/** Everything the handlers share. */
export interface EmulatorState {
  options: ResolvedEmulatorOptions;
  accounts: Map<string, EmulatorAccountState>;
  /** access token → owner and expiry (epoch ms). */
  accessTokens: Map<string, { refreshToken: string; expiresAt: number }>;
  issuedCounts: Map<string, number>;
  operations: Map<string, OnboardOperation>;
  faults: FaultQueue;
  requests: RecordedRequest[];
  addAccount(account: EmulatorAccount): EmulatorAccountState;
  nextProject(prefix?: string): string;
  /** Issues a new access token for an account. */
  issueAccessToken(refreshToken: string): string;
  /** The account owning an `Authorization` header value, if the token is known and unexpired. */
  accountForAuthorization(header: string | undefined): EmulatorAccountState | undefined;
}

/** Creates the shared state for an emulator. */
export function createEmulatorState(options: EmulatorOptions): EmulatorState {
  let projectCounter = 0;
  const resolved: ResolvedEmulatorOptions = {
    latencyMs: options.latencyMs ?? 0,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    streamChunkCount: Math.max(1, options.streamChunkCount ?? 3),
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    models: options.models ?? DEFAULT_EMULATOR_MODELS,
    recordRequests: options.recordRequests ?? true,
    arrayWrapStreamErrors: options.arrayWrapStreamErrors ?? true,
    apiKeys: options.apiKeys ?? [],
  };
  if (options.respond !== undefined) resolved.respond = options.respond;
  const state: EmulatorState = {
    options: resolved,
    accounts: new Map(),
    accessTokens: new Map(),
    issuedCounts: new Map(),
    operations: new Map(),
    faults: createFaultQueue(),
    requests: [],
    nextProject(prefix = 'emulated-project') {
      projectCounter += 1;
      return `${prefix}-${projectCounter}`;
    },
    addAccount(account) {
      const accountState = createAccountState(account, () => state.nextProject());
      state.accounts.set(account.refreshToken, accountState);
      return accountState;
    },
    issueAccessToken(refreshToken) {
      const token = `emu-at-${randomBytes(16).toString('base64url')}`;
      const expiresAt = Date.now() + resolved.accessTokenLifetimeSeconds * 1000;
      state.accessTokens.set(token, { refreshToken, expiresAt });
      state.issuedCounts.set(refreshToken, (state.issuedCounts.get(refreshToken) ?? 0) + 1);
      return token;
    },
    accountForAuthorization(header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
      const token = match?.[1];
      if (token === undefined) return undefined;
      const issued = state.accessTokens.get(token);
      if (issued !== undefined) {
        if (issued.expiresAt <= Date.now()) return undefined;
        return state.accounts.get(issued.refreshToken);
      }
      for (const account of state.accounts.values()) {
        if (account.accessToken !== undefined && account.accessToken === token) return account;
      }
      return undefined;
    },
  };
  for (const account of options.accounts ?? [DEMO_ACCOUNT]) state.addAccount(account);
  return state;
}
