import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './services';

/** What a kill -9 run saw. */
export interface KillResult {
  kills: number;
  /** Kills after which the credentials file did not parse or had lost its refresh token. */
  corrupted: number;
  /** Hidden temp files (each holding the refresh token) left by the kills. */
  tempFilesLeft: number;
  /** The same, after the gateway loaded the directory (`startGateway`). */
  tempFilesAfterStart: number;
}

/**
 * SIGKILLs a process that saves credentials in a loop `kills` times at varying moments, checks
 * the file after each kill, counts the temp files left, then starts a gateway on the directory
 * (`startGateway(directory)`, resolved once it answers) and counts again.
 */
export async function runKills({
  kills,
  tokenUrl,
  startGateway,
}: {
  kills: number;
  /** The credentials' token endpoint (the emulator's): nothing may call Google. */
  tokenUrl: string;
  startGateway: (credentialsDir: string) => Promise<{ stop(): Promise<void> }>;
}): Promise<KillResult> {
  const directory = mkdtempSync(join(tmpdir(), 'reliability-kill-'));
  const path = join(directory, 'account.json');
  const initial = { refresh_token: '1//reliability-refresh-token', token_uri: tokenUrl };
  writeFileSync(path, JSON.stringify(initial), { mode: 0o600 });
  let corrupted = 0;
  for (let round = 0; round < kills; round++) {
    const writer = spawn(
      process.execPath,
      [resolve(ROOT, 'tools/bench/dist/credential-writer.js'), path, tokenUrl],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(writer.stdout, 'data');
    await new Promise((done) => setTimeout(done, 3 + ((round * 7) % 40)));
    const exited = once(writer, 'exit');
    writer.kill('SIGKILL');
    await exited;
    try {
      const saved = JSON.parse(readFileSync(path, 'utf8')) as { refresh_token?: unknown };
      if (saved.refresh_token !== '1//reliability-refresh-token') corrupted++;
    } catch {
      corrupted++;
    }
  }
  const temps = () => readdirSync(directory).filter((name) => name.endsWith('.tmp')).length;
  const tempFilesLeft = temps();
  const gateway = await startGateway(directory);
  const tempFilesAfterStart = temps();
  await gateway.stop();
  return { kills, corrupted, tempFilesLeft, tempFilesAfterStart };
}
