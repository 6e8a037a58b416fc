export { configSchema, ConfigError, loadConfig } from './config';
export type { Config } from './config';
export { createGateway } from './create-gateway';
export { GATEWAY_VERSION } from './gateway-version';
export type { CreateGatewayOptions, Gateway } from './create-gateway';
export { createLogger, SecretRegistry } from './logger';
export { loadDotEnv } from './load-dot-env';
export type { DotEnvResult } from './load-dot-env';
export { startServer } from './start-server';
export type { RunningServer, StartServerOptions } from './start-server';
export { MemoryResponseStore } from './routes/responses/response-store';
export type {
  MemoryResponseStoreOptions,
  ResponseStore,
  StoredResponse,
} from './routes/responses/response-store';
