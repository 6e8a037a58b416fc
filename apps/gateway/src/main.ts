import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createGateway } from './create-gateway';
import { loadDotEnv } from './load-dot-env';
import { createLogger, SecretRegistry } from './logger';

async function main(): Promise<void> {
  const dotEnvPath = loadDotEnv(process.env);
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: config.logLevel, secrets });
  if (dotEnvPath) logger.info('loaded .env', { path: dotEnvPath });
  const gateway = await createGateway({ config, logger, secrets });
  const server: Server = gateway.app.listen(config.port, config.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    logger.error('cannot listen', { code: error.code, port: config.port, host: config.host });
    if (error.code === 'EADDRINUSE') {
      process.stderr.write(
        `Port ${config.port} is already in use. Stop the other process or set PORT to a free port.\n`,
      );
    }
    process.exit(1);
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info('gateway listening', { host: config.host, port, backend: gateway.status.backend });
    if (gateway.passwordGenerated) {
      // Printed once, outside the JSON log (which would redact it): the operator needs it.
      process.stdout.write(
        `\nNo GEMINI_AUTH_PASSWORD was set, so one was generated for this run:\n\n    ${gateway.password}\n\n` +
          'Clients send it as "Authorization: Bearer <password>". Set GEMINI_AUTH_PASSWORD to keep it stable.\n\n',
      );
    }
  });
  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The gateway could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
