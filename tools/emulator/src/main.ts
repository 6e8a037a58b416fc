#!/usr/bin/env node
import { DEMO_ACCOUNT } from './emulator-account';
import { CLI_USAGE, parseCliArgs } from './parse-cli-args';
import { startEmulator } from './start-emulator';

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(CLI_USAGE);
    return;
  }
  if (command.kind === 'error') {
    process.stderr.write(`${command.message}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator({
    port: command.port,
    host: command.host,
    latencyMs: command.latencyMs,
    chunkDelayMs: command.chunkDelayMs,
    streamChunkCount: command.streamChunkCount,
    recordRequests: false,
  });
  process.stdout.write(
    `Code Assist emulator listening on ${emulator.url} (demo refresh token: ${DEMO_ACCOUNT.refreshToken})\n`,
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
