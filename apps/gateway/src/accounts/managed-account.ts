import { basename } from 'node:path';
import {
  createTokenProvider,
  discoverProject,
  saveCredentialsFile,
  type CodeAssistProject,
  type LoadedCredentials,
  type OAuthCredentials,
  type TokenProvider,
} from '@geminicli2api/oauth-store';
import type { Logger } from 'winston';
import type { SecretRegistry } from '../logger';
import { errorSummary } from '../middleware/error-handler';
import type { SharedAccountState } from '../shared/shared-accounts';
import { coordinatedTokens } from './coordinated-tokens';

/** What every account of a pool shares. */
export interface ManagedAccountSettings {
  endpoint: string;
  configuredProject: string | undefined;
  oauthClientId: string | undefined;
  oauthClientSecret: string | undefined;
  oauthTokenUrl: string | undefined;
  secrets: SecretRegistry;
  logger: Logger;
  fetch?: typeof globalThis.fetch | undefined;
  /** Deadline of each account call to Google (UPSTREAM_ACCOUNT_TIMEOUT_MS). */
  accountTimeoutMs?: number | undefined;
  /** Replicas' shared state (REDIS_URL): one refresh at a time across replicas. */
  shared?: SharedAccountState | undefined;
  /** Pause between onboarding polls (tests pass a no-op). */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** One Code Assist account: its tokens, its project (set up once) and where it came from. */
export interface ManagedAccount {
  /** Stable id: the env name or the file path (never a token). */
  id: string;
  /** Short label for /status: the env name or the file name. */
  label: string;
  sourceKind: 'env' | 'file';
  format: OAuthCredentials['format'];
  tokens: TokenProvider;
  /** Set once setup succeeded. */
  project: CodeAssistProject | undefined;
  /** Sets the account up once (concurrent callers share it); a failure allows a later retry. */
  ensureProject(accessToken: string): Promise<CodeAssistProject>;
}

/**
 * Wraps one set of loaded credentials: refreshed tokens are written back atomically to the file
 * they came from (env-sourced credentials never touch the disk), and a discovered project is
 * cached — and persisted as `project_id` when the file is in the original format.
 */
export function createManagedAccount(
  loaded: LoadedCredentials,
  settings: ManagedAccountSettings,
): ManagedAccount {
  const { source } = loaded;
  const id = source.kind === 'env' ? source.name : source.path;
  const { secrets, logger, fetch } = settings;
  secrets.add(loaded.credentials.refreshToken);
  secrets.set(`access-token:${id}`, loaded.credentials.accessToken);
  secrets.add(loaded.credentials.clientSecret);
  let pending: Promise<CodeAssistProject> | undefined;

  const persist = async (credentials: OAuthCredentials): Promise<void> => {
    if (source.kind !== 'file') return;
    try {
      await saveCredentialsFile(source.path, credentials);
    } catch (error) {
      // Serving goes on with what is in memory; the operator learns why it was not saved.
      logger.warn('credentials not saved', { account: id, error: errorSummary(error) });
    }
  };
  const withProject = (credentials: OAuthCredentials): OAuthCredentials => {
    const discovered = settings.configuredProject ? undefined : account.project?.projectId;
    return discovered ? { ...credentials, projectId: discovered } : credentials;
  };

  const localTokens = createTokenProvider({
    credentials: loaded.credentials,
    source: id,
    ...(settings.oauthClientId ? { clientId: settings.oauthClientId } : {}),
    ...(settings.oauthClientSecret ? { clientSecret: settings.oauthClientSecret } : {}),
    ...(settings.oauthTokenUrl ? { tokenUrl: settings.oauthTokenUrl } : {}),
    ...(fetch ? { fetch } : {}),
    ...accountDeadline(settings),
    async onRefresh(credentials) {
      secrets.set(`access-token:${id}`, credentials.accessToken);
      logger.info('access token refreshed', { account: id });
      await persist(withProject(credentials));
    },
  });
  const tokens = settings.shared
    ? coordinatedTokens(localTokens, id, settings.shared, (token) =>
        secrets.set(`access-token:${id}`, token),
      )
    : localTokens;

  const initialProject = settings.configuredProject ?? loaded.credentials.projectId;
  const account: ManagedAccount = {
    id,
    label: source.kind === 'env' ? source.name : basename(source.path),
    sourceKind: source.kind,
    format: loaded.credentials.format,
    tokens,
    project: undefined,
    ensureProject(accessToken) {
      if (account.project) return Promise.resolve(account.project);
      if (initialProject && !settings.configuredProject) {
        // A project cached in the file: trust it, as the original project did.
        account.project = { projectId: initialProject };
        return Promise.resolve(account.project);
      }
      pending ??= discoverProject({
        endpoint: settings.endpoint,
        accessToken,
        configuredProject: settings.configuredProject,
        source: id,
        ...(fetch ? { fetch } : {}),
        ...(settings.sleep ? { sleep: settings.sleep } : {}),
        ...accountDeadline(settings),
      })
        .then(async (found) => {
          account.project = found;
          logger.info('code assist account ready', {
            account: id,
            project: found.projectId,
            tier: found.tierId,
            onboarded: found.onboarded ?? false,
          });
          if (
            !settings.configuredProject &&
            found.projectId !== loaded.credentials.projectId &&
            loaded.credentials.format === 'geminicli2api'
          ) {
            await persist(withProject(tokens.credentials));
          }
          return found;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
  return account;
}

/** The deadline options every account call to Google gets. */
export function accountDeadline(settings: Pick<ManagedAccountSettings, 'accountTimeoutMs'>): {
  timeoutMs?: number;
  timeoutSetting?: string;
} {
  return settings.accountTimeoutMs
    ? { timeoutMs: settings.accountTimeoutMs, timeoutSetting: 'UPSTREAM_ACCOUNT_TIMEOUT_MS' }
    : {};
}
