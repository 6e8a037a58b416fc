import { execFile } from 'node:child_process';

/** What a finished (or failed-to-start) command produced. */
export interface CommandResult {
  /** `ENOENT` when the program is not installed; otherwise undefined. */
  missing: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell, with a timeout; never throws. */
export function runCommand(file: string, args: string[], timeoutMs = 5000): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      resolve({
        missing: code === 'ENOENT',
        exitCode: error
          ? typeof code === 'number'
            ? code
            : ((error as { status?: number }).status ?? 1)
          : 0,
        stdout: String(stdout),
        stderr: String(stderr),
      });
    });
  });
}
