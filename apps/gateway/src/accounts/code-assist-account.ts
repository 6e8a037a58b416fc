import {
  createTokenProvider,
  discoverProject,
  saveCredentialsFile,
  type LoadedCredentials,
  type TokenProvider,
} from '@geminicli2api/oauth-store';
import type { Logger } from 'winston';
import { errorSummary } from '../middleware/error-handler';
import type { SecretRegistry } from '../logger';

import type { AccountSelector } from './account-selector';

/** Options of {@link createCodeAssistAccount}. */
export interface CodeAssistAccountOptions {
  loaded: LoadedCredentials;
  endpoint: string;
  configuredProject: string | undefined;
  oauthClientId: string | undefined;
  oauthClientSecret: string | undefined;
  oauthTokenUrl: string | undefined;
  secrets: SecretRegistry;
  logger: Logger;
  fetch?: typeof globalThis.fetch;
}

/**
 * A selector over one Code Assist account: its token provider (refreshed tokens are written back atomically to
 * the file they came from; env-sourced credentials never touch the disk) and its project,
 * discovered once through loadCodeAssist and cached.
 */
export function createCodeAssistAccount({
  loaded,
  endpoint,
  configuredProject,
  oauthClientId,
  oauthClientSecret,
  oauthTokenUrl,
  secrets,
  logger,
  fetch,
}: CodeAssistAccountOptions): AccountSelector {
  const { source } = loaded;
  const sourceLabel = source.kind === 'env' ? source.name : source.path;
  secrets.add(loaded.credentials.refreshToken);
  secrets.add(loaded.credentials.accessToken);
  const tokens: TokenProvider = createTokenProvider({
    credentials: loaded.credentials,
    source: sourceLabel,
    ...(oauthClientId ? { clientId: oauthClientId } : {}),
    ...(oauthClientSecret ? { clientSecret: oauthClientSecret } : {}),
    ...(oauthTokenUrl ? { tokenUrl: oauthTokenUrl } : {}),
    ...(fetch ? { fetch } : {}),
    async onRefresh(credentials) {
      secrets.add(credentials.accessToken);
      logger.info('access token refreshed', { account: sourceLabel });
      if (source.kind !== 'file') return;
      try {
        await saveCredentialsFile(source.path, credentials);
      } catch (error) {
        // Serving goes on with the token in memory; the operator learns why it was not saved.
        logger.warn('refreshed credentials not saved', { account: sourceLabel, error: errorSummary(error) });
      }
    },
  });
  let project: Promise<string> | undefined =
    configuredProject !== undefined
      ? Promise.resolve(configuredProject)
      : loaded.credentials.projectId !== undefined
        ? Promise.resolve(loaded.credentials.projectId)
        : undefined;

  const discover = async (accessToken: string): Promise<string> => {
    const found = await discoverProject({
      endpoint,
      accessToken,
      configuredProject,
      source: sourceLabel,
      ...(fetch ? { fetch } : {}),
    });
    logger.info('code assist project discovered', {
      account: sourceLabel,
      project: found.projectId,
      tier: found.tierId,
    });
    return found.projectId;
  };

  return {
    async acquire() {
      const accessToken = await tokens.getAccessToken();
      if (!project) {
        project = discover(accessToken).catch((error: unknown) => {
          project = undefined; // a later request may succeed (e.g. after a network blip)
          throw error;
        });
      }
      return { id: sourceLabel, accessToken, projectId: await project };
    },
    report() {
      // One account: nothing to rotate to.
    },
    async invalidate() {
      await tokens.refresh();
    },
  };
}
