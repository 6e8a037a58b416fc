import { formatEnvFileIssue } from '@geminicli2api/env-file';
import { readCommandLine } from './command-line';
import { ConfigError, loadConfig, type Config } from './config';
import { createGateway } from './create-gateway';
import { limitHeapGrowth } from './heap-growth';
import { loadDotEnv, type DotEnvResult } from './load-dot-env';
import { createLogger, SecretRegistry } from './logger';
import { offerLogin } from './login/offer-login';
import { startServer, type RunningServer } from './start-server';

function printDotEnvProblems(dotEnv: DotEnvResult | undefined): void {
  if (!dotEnv || dotEnv.problems.length === 0) return;
  process.stderr.write(
    `Problems in ${dotEnv.path}:\n${dotEnv.problems
      .map((problem) => `  - ${formatEnvFileIssue(problem)}`)
      .join('\n')}\n`,
  );
}

function readConfig(dotEnv: DotEnvResult | undefined): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      if (dotEnv?.problems.length)
        process.stderr.write(
          `(See the problems in ${dotEnv.path} above: they may be the cause.)\n`,
        );
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const commandLine = readCommandLine(process.argv.slice(2));
  if (!commandLine.run) {
    if (commandLine.stdout) process.stdout.write(commandLine.stdout);
    if (commandLine.stderr) process.stderr.write(commandLine.stderr);
    process.exit(commandLine.exitCode);
  }
  const dotEnv = loadDotEnv(process.env);
  printDotEnvProblems(dotEnv);
  const config = readConfig(dotEnv);
  limitHeapGrowth(config.heapGrowthPercent);
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: config.logLevel, secrets });
  if (dotEnv) logger.info('loaded .env', { path: dotEnv.path, problems: dotEnv.problems.length });
  let gateway = await createGateway({ config, logger, secrets });
  if (gateway.status.backend === 'no-credentials' && process.stdin.isTTY && process.stdout.isTTY) {
    // A person at a terminal with nothing configured: offer the login, then load what it saved.
    await offerLogin(config);
    await gateway.close();
    gateway = await createGateway({ config, logger, secrets });
  }
  let running: RunningServer;
  try {
    running = await startServer({
      handle: gateway.handle,
      port: config.port,
      host: config.host,
      logger,
      shutdownGraceMs: config.shutdownGraceMs,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    logger.error('cannot listen', { code, port: config.port, host: config.host });
    if (code === 'EADDRINUSE') {
      process.stderr.write(
        `Port ${config.port} is already in use. Stop the other process or set PORT to a free port.\n`,
      );
    }
    process.exit(1);
  }
  logger.info('gateway listening', {
    host: config.host,
    port: running.port,
    backend: gateway.status.backend,
    ...(config.console.enabled ? { console: '/console/' } : {}),
  });
  if (gateway.passwordGenerated) {
    // Printed once, outside the JSON log (which would redact it): the operator needs it.
    process.stdout.write(
      `\nNo GEMINI_AUTH_PASSWORD was set, so one was generated for this run:\n\n    ${gateway.password}\n\n` +
        'Clients send it as "Authorization: Bearer <password>". Set GEMINI_AUTH_PASSWORD to keep it stable.\n\n',
    );
  }
  const shutdown = async (signal: string) => {
    logger.info('shutting down; letting in-flight requests finish', {
      signal,
      graceMs: config.shutdownGraceMs,
    });
    // A second signal stops at once.
    process.once(signal, () => process.exit(1));
    const inTime = await running.shutdown();
    await gateway.close();
    logger.info('stopped', { drained: inTime });
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The gateway could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
