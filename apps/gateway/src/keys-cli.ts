import { isAbsolute, resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { KEYS_USAGE, parseKeysArgs } from './keys/cli-args';
import { KeyConflictError, KeyRepository } from './keys/key-repository';
import { runKeysCommand } from './keys/run-keys-command';
import { loadDotEnv } from './load-dot-env';
import { openStore } from './store/open-store';

/** `npm run keys -- …`: client keys and usage, straight on the gateway's database. */
async function main(): Promise<void> {
  const command = parseKeysArgs(process.argv.slice(2));
  if (command.command === 'help') {
    process.stdout.write(KEYS_USAGE);
    return;
  }
  loadDotEnv(process.env);
  const { storage } = loadConfig(process.env);
  const dataDir = isAbsolute(storage.dataDir)
    ? storage.dataDir
    : resolve(process.cwd(), storage.dataDir);
  const store = await openStore({ databaseUrl: storage.databaseUrl, dataDir });
  try {
    process.stdout.write(
      await runKeysCommand(command, { keys: new KeyRepository(store.db), db: store.db }),
    );
  } finally {
    await store.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(error instanceof ConfigError ? 2 : error instanceof KeyConflictError ? 3 : 1);
  },
);
