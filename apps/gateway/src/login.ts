import { ConfigError, loadConfig } from './config';
import { loadDotEnv } from './load-dot-env';
import { runLogin } from './login/run-login';

const USAGE = `Usage: npm run login -- [--no-browser] [--port <n>] [--output <file>]

  --no-browser   print a URL to open anywhere and paste the code shown (no loopback server)
  --port <n>     loopback redirect port (default GEMINI_OAUTH_CALLBACK_PORT or 8080)
  --output <f>   where to save the credentials (default: GEMINI_CREDENTIALS_DIR/<email>.json,
                 GOOGLE_APPLICATION_CREDENTIALS, or ~/.gemini/oauth_creds.json)
`;

function parseArgs(argv: string[]): { noBrowser: boolean; port?: number; output?: string } {
  const result: { noBrowser: boolean; port?: number; output?: string } = { noBrowser: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--no-browser') result.noBrowser = true;
    else if (arg === '--port') {
      const port = Number(argv[++index]);
      if (!Number.isInteger(port) || port < 1 || port > 65_535)
        throw new Error('--port needs a port number (1-65535).');
      result.port = port;
    } else if (arg === '--output') {
      const output = argv[++index];
      if (!output) throw new Error('--output needs a file path.');
      result.output = output;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}.\n\n${USAGE}`);
  }
  return result;
}

async function main(): Promise<void> {
  loadDotEnv(process.env);
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env);
  await runLogin({ config, ...args });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
