import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes one original-format credentials file per refresh token (token_uri = the emulator) into a new directory. */
export async function writeAccountDir(
  tokenUrl: string,
  refreshTokens: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'accounts-'));
  for (const [index, refreshToken] of refreshTokens.entries()) {
    const file = {
      refresh_token: refreshToken,
      token: 'expired-access-token',
      expiry: '2000-01-01T00:00:00Z',
      token_uri: tokenUrl,
      client_id: 'emulator-client',
      client_secret: 'emulator-secret',
      ...extra,
    };
    await writeFile(join(dir, `account-${index + 1}.json`), JSON.stringify(file), { mode: 0o600 });
  }
  return dir;
}
