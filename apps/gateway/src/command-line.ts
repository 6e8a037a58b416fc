import { GATEWAY_VERSION } from './gateway-version';

/**
 * The gateway's own command line. Its settings come from the environment (and `.env`), so the
 * only arguments are `--help` and `--version`; anything else is refused before the gateway
 * starts, so `npm start -- --port 9000` does not silently listen on the default port.
 */
export const GATEWAY_USAGE = `Usage: npm start
       node --max-semi-space-size=32 apps/gateway/dist/main.js [--help | --version]

geminicli2api: OpenAI- and Gemini-compatible gateway to Google's Gemini models.
Settings come from environment variables, or from a .env file in the working directory.

The ones most setups need (all of them: docs/configuration.md):
  PORT, HOST                       where to listen (default 0.0.0.0:8888)
  GEMINI_AUTH_PASSWORD             the password clients send (generated at each start if unset)
  GEMINI_API_KEY                   the Gemini API, with this key (several: comma-separated)
  GOOGLE_GENAI_USE_VERTEXAI=true   Vertex AI, with GOOGLE_CLOUD_PROJECT and
                                   application default credentials
  GEMINI_CREDENTIALS, GOOGLE_APPLICATION_CREDENTIALS, GEMINI_CREDENTIALS_DIR
                                   Code Assist OAuth credentials (or ~/.gemini/oauth_creds.json)
  LOG_LEVEL                        error, warn, info (default) or debug

Related commands:
  npm run login                    sign in with a Google account for Code Assist
  npm run health-check             check the setup and a running gateway

Options:
  -h, --help                       print this help
  -v, --version                    print the version
`;

export type CommandLine =
  { run: true } | { run: false; exitCode: number; stdout?: string; stderr?: string };

/** What `main.js <argv>` should do: start the gateway, or print and exit. */
export function readCommandLine(argv: readonly string[]): CommandLine {
  const [first] = argv;
  if (first === undefined) return { run: true };
  if (argv.length === 1 && (first === '--help' || first === '-h'))
    return { run: false, exitCode: 0, stdout: GATEWAY_USAGE };
  if (argv.length === 1 && (first === '--version' || first === '-v'))
    return { run: false, exitCode: 0, stdout: `${GATEWAY_VERSION}\n` };
  return {
    run: false,
    exitCode: 2,
    stderr:
      `The gateway takes no argument ${JSON.stringify(argv.join(' '))}: its settings come from ` +
      'environment variables (e.g. PORT=9000 npm start) or a .env file.\n\n' +
      GATEWAY_USAGE,
  };
}
