/**
 * `node tools/bench/dist/credential-writer.js <file> <token url>`: saves credentials (whose
 * `token_uri` is `<token url>`) to `<file>` in a loop
 * with the gateway's own `saveCredentialsFile` (atomic: temp file, fsync, rename), printing
 * `writing` once under way, until it is killed. The kill -9 probe of `npm run reliability`.
 */
import { saveCredentialsFile } from '@geminicli2api/oauth-store';

const [path, tokenUrl] = process.argv.slice(2);
if (!path || !tokenUrl) {
  process.stderr.write('usage: credential-writer <file> <token url>\n');
  process.exit(2);
}
const padding = 'x'.repeat(200_000); // a bigger write widens the window a kill can land in
void (async () => {
  for (let i = 0; ; i++) {
    await saveCredentialsFile(path, {
      format: 'geminicli2api',
      refreshToken: '1//reliability-refresh-token',
      projectId: 'reliability',
      accessToken: `ya29.${i}${padding}`,
      expiryDate: Date.now(),
      raw: { refresh_token: '1//reliability-refresh-token', client_id: 'c', token_uri: tokenUrl },
    });
    if (i === 3) process.stdout.write('writing\n');
  }
})();
