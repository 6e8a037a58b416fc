export { startEmulator } from './start-emulator';
export { DEMO_ACCOUNT } from './emulator-account';
export type {
  EmulatorAccount,
  EmulatorAccountState,
  EmulatorIneligibleTier,
  EmulatorQuota,
  EmulatorTierId,
} from './emulator-account';
export { DEFAULT_EMULATOR_MODELS } from './emulator-options';
export type { Emulator, EmulatorOptions, RecordedRequest } from './emulator-options';
export type { ForbiddenReason } from './forbidden-error';
export type { FaultBehaviour, FaultMatch, FaultMethod, ScriptedFault } from './scripted-fault';
export type { RateLimitReason } from './rate-limit-error';
export type { Responder, ResponderContext, ResponderResult } from './responder';
export type {
  GeminiCandidate,
  GeminiContent,
  GeminiFunctionDeclaration,
  GeminiGenerateRequest,
  GeminiGenerationConfig,
  GeminiPart,
  GeminiUsageMetadata,
} from './gemini-types';
export { AUTHORIZATION_CODE_PREFIX } from './handle-token';
export { validateGenerateRequest } from './validate-generate-request';
