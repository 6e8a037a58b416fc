import type { EnvFileReport } from './env-file';

/** Everything a check may use: options, the merged environment, and earlier results. */
export interface CheckContext {
  /** Base URL of the gateway, without a trailing slash. */
  url: string;
  /** The gateway password, when known (option, environment or `.env`). */
  password: string | undefined;
  /** Where the password came from, for messages. */
  passwordSource: string;
  /** The process environment with `.env` values filled in where unset (the gateway's precedence). */
  env: Readonly<Record<string, string | undefined>>;
  /** The `.env` file found in the working directory, analysed. */
  envFile: EnvFileReport;
  cwd: string;
  homeDir: string;
  online: boolean;
  generate: boolean;
  /** Model for `--generate` (default: the first one `/v1/models` lists). */
  model: string | undefined;
  /** Timeout of each network step. */
  timeoutMs: number;
  /** Set by the service check: the gateway answered `/health`. */
  gatewayUp?: boolean;
  /** Set by the service check: the gateway's `/health` body. */
  health?: Record<string, unknown>;
}

/** Headers that present the password as a Bearer token. */
export function bearer(password: string | undefined): Record<string, string> {
  return password === undefined ? {} : { authorization: `Bearer ${password}` };
}
