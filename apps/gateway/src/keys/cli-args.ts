import { expiryFromDuration } from './key-input';

/** The parsed command line of `npm run keys`. */
export interface KeysCommand {
  command: 'create' | 'list' | 'update' | 'revoke' | 'usage' | 'help';
  /** The key (id or name) for update and revoke. */
  target?: string;
  fields: Record<string, unknown>;
  json: boolean;
  from?: string;
  to?: string;
  groupBy?: string;
}

export const KEYS_USAGE = `Usage: npm run keys -- <command> [options]

  create --name <name> [--models 'gemini-2.5-*,claude-*'] [--rpm <n>] [--tpm <n>]
         [--daily-tokens <n>] [--expires 30d|<ISO time>]
                       create a client key; it is printed once (store it now)
  list [--json]        every key: name, id, limits, created, last used, usage today
  update <id|name> [--name <new>] [--models …] [--rpm <n>] [--tpm <n>] [--daily-tokens <n>]
         [--expires …]  change a key; 'none' clears a limit (--rpm none)
  revoke <id|name>     revoke a key (kept for its usage history)
  usage [--from <ISO>] [--to <ISO>] [--group-by key,model,day] [--json]
                       token and request sums from the usage ledger (default: 7 days, by key)

The database is the gateway's: DATA_DIR (default ./data) or DATABASE_URL, read from the
environment and .env as the gateway reads them.
`;

const LIMIT_FLAGS: Record<string, string> = {
  '--rpm': 'rpm',
  '--tpm': 'tpm',
  '--daily-tokens': 'daily_tokens',
};

/** Parses argv (after `--`); throws an Error with a readable message. */
export function parseKeysArgs(argv: readonly string[]): KeysCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h')
    return { command: 'help', fields: {}, json: false };
  if (!['create', 'list', 'update', 'revoke', 'usage'].includes(command))
    throw new Error(`Unknown command ${command}.\n\n${KEYS_USAGE}`);
  const parsed: KeysCommand = {
    command: command as KeysCommand['command'],
    fields: {},
    json: false,
  };
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index] ?? '';
    const value = () => {
      const next = rest[++index];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (!arg.startsWith('--')) {
      if (parsed.target !== undefined || (command !== 'update' && command !== 'revoke'))
        throw new Error(`Unexpected argument ${arg}.\n\n${KEYS_USAGE}`);
      parsed.target = arg;
    } else if (arg === '--json') parsed.json = true;
    else if (arg === '--name') parsed.fields['name'] = value();
    else if (arg === '--models') {
      const models = value();
      parsed.fields['models'] =
        models === 'none' || models === '*'
          ? null
          : models
              .split(',')
              .map((model) => model.trim())
              .filter(Boolean);
    } else if (arg in LIMIT_FLAGS) {
      const text = value();
      const number = Number(text.replace(/_/g, ''));
      if (text !== 'none' && !Number.isInteger(number))
        throw new Error(`${arg} needs a whole number (or none).`);
      parsed.fields[LIMIT_FLAGS[arg] ?? arg] = text === 'none' ? null : number;
    } else if (arg === '--expires') {
      const text = value();
      const iso =
        text === 'none'
          ? null
          : (expiryFromDuration(text) ??
            (Number.isNaN(Date.parse(text)) ? undefined : new Date(text).toISOString()));
      if (iso === undefined)
        throw new Error('--expires needs a duration such as 30d, 12h, or an ISO time.');
      parsed.fields['expires_at'] = iso;
    } else if (arg === '--from') parsed.from = value();
    else if (arg === '--to') parsed.to = value();
    else if (arg === '--group-by') parsed.groupBy = value();
    else throw new Error(`Unknown option ${arg}.\n\n${KEYS_USAGE}`);
  }
  if ((command === 'update' || command === 'revoke') && parsed.target === undefined)
    throw new Error(`${command} needs the key's id or name.`);
  return parsed;
}
