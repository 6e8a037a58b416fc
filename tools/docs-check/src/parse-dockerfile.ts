/** One Dockerfile instruction, continuation lines joined. */
export interface DockerInstruction {
  /** Upper-case keyword, e.g. `COPY`. */
  readonly keyword: string;
  /** Everything after the keyword, trimmed. */
  readonly args: string;
  /** 1-based line of the keyword. */
  readonly line: number;
}

/** One build stage: its `FROM` image, its `AS` name (or its index) and its instructions. */
export interface DockerStage {
  readonly name: string;
  readonly image: string;
  readonly instructions: readonly DockerInstruction[];
}

/**
 * Parses a Dockerfile into stages. Comments and parser directives are dropped, backslash
 * continuations are joined; anything before the first `FROM` is rejected.
 */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: { name: string; image: string; instructions: DockerInstruction[] }[] = [];
  const lines = text.split(/\r?\n/);
  let pending = '';
  let pendingLine = 0;
  const flush = (): void => {
    const joined = pending.trim();
    pending = '';
    if (joined === '') return;
    const match = /^(\S+)\s*([\s\S]*)$/.exec(joined);
    if (!match?.[1]) return;
    const keyword = match[1].toUpperCase();
    const args = (match[2] ?? '').trim();
    if (keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from?.[1]) throw new Error(`line ${pendingLine}: cannot read FROM ${args}`);
      stages.push({ name: from[2] ?? String(stages.length), image: from[1], instructions: [] });
      return;
    }
    const stage = stages[stages.length - 1];
    if (!stage) throw new Error(`line ${pendingLine}: ${keyword} before FROM`);
    stage.instructions.push({ keyword, args, line: pendingLine });
  };
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    if (pending === '' && /^\s*(#.*)?$/.test(line)) return;
    if (pending !== '' && /^\s*#/.test(line)) return;
    if (pending === '') pendingLine = index + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    pending += line;
    flush();
  });
  flush();
  return stages;
}

/** The flags (`--from=build`) and the remaining words of a `COPY` instruction. */
export interface CopyArgs {
  readonly flags: Readonly<Record<string, string>>;
  readonly sources: readonly string[];
  readonly destination: string;
}

/** Splits a `COPY` instruction's arguments (shell form only). */
export function parseCopyArgs(args: string): CopyArgs {
  const words = args.split(/\s+/).filter((word) => word !== '');
  const flags: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [key, value] = (words.shift() ?? '').slice(2).split('=', 2);
    flags[key ?? ''] = value ?? 'true';
  }
  const destination = words.pop();
  if (destination === undefined || words.length === 0)
    throw new Error(`COPY needs a source and a destination: ${args}`);
  return { flags, sources: words, destination };
}

/** Reads `ENV A=1 B="two"` (and the legacy `ENV A 1`) into pairs. */
export function parseEnvArgs(args: string): Record<string, string> {
  const legacy = /^(\w+)\s+([^=]*)$/.exec(args);
  if (legacy?.[1]) return { [legacy[1]]: (legacy[2] ?? '').trim() };
  const env: Record<string, string> = {};
  for (const match of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) {
    if (match[1]) env[match[1]] = match[3] ?? match[2] ?? '';
  }
  return env;
}

/** A `HEALTHCHECK` instruction: its options (`interval` → `30s`) and its exec-form command. */
export interface HealthcheckArgs {
  readonly options: Readonly<Record<string, string>>;
  readonly command: readonly string[];
}

/** Reads `HEALTHCHECK [--opt=v…] CMD ["exe", …]`; shell-form commands are run through `sh -c`. */
export function parseHealthcheckArgs(args: string): HealthcheckArgs {
  const match = /^((?:--\S+\s+)*)CMD\s+([\s\S]+)$/.exec(args);
  if (!match?.[2]) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  const options: Record<string, string> = {};
  for (const option of (match[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    const [key, value] = option.slice(2).split('=', 2);
    options[key ?? ''] = value ?? '';
  }
  return { options, command: parseCommand(match[2]) };
}

/** An exec-form (`["node", "x.js"]`) or shell-form (`node x.js`) command as argv. */
export function parseCommand(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
      throw new Error(`not a JSON array of strings: ${trimmed}`);
    }
    return parsed;
  }
  return ['/bin/sh', '-c', trimmed];
}
