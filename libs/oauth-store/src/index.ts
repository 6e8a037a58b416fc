export { parseCredentialsJson, serializeCredentials } from './credentials';
export type { CredentialsFormat, OAuthCredentials } from './credentials';
export { loadCredentials } from './load-credentials';
export type {
  CredentialsSource,
  LoadCredentialsOptions,
  LoadedCredentials,
} from './load-credentials';
export { loadAllCredentials, loadCredentialsDir } from './load-credentials-dir';
export type { LoadAllCredentialsOptions } from './load-credentials-dir';
export { saveCredentialsFile } from './save-credentials-file';
export {
  createTokenProvider,
  GEMINI_CLI_OAUTH_CLIENT,
  GOOGLE_TOKEN_URL,
} from './create-token-provider';
export type { TokenProvider, TokenProviderOptions } from './create-token-provider';
export { discoverProject } from './discover-project';
export type { CodeAssistProject, DiscoverProjectOptions } from './discover-project';
export {
  classifyForbidden,
  eligibilityError,
  ineligibleTiersError,
  PROJECT_DOCS_URL,
} from './eligibility-error';
export type { ForbiddenInfo, IneligibleTierInfo } from './eligibility-error';
export { retrieveUserQuota } from './retrieve-user-quota';
export type { QuotaBucket, RetrieveUserQuotaOptions } from './retrieve-user-quota';
export { OAuthStoreError } from './oauth-store-error';
export type { Eligibility, EligibilityReason, OAuthStoreErrorCode } from './oauth-store-error';
export { createKeyFileTokenProvider } from './key-file-token-provider';
export type { AccessTokenSource, KeyFileTokenOptions } from './key-file-token-provider';
