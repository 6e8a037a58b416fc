import { createInterface } from 'node:readline/promises';
import type { Config } from '../config';
import { runLogin } from './run-login';

/**
 * Asks on the terminal whether to log in now (only called when no credentials exist and stdin is
 * a TTY). A refusal or a failed login leaves the gateway starting without credentials.
 */
export async function offerLogin(config: Config): Promise<void> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  let answer: string;
  try {
    answer = await prompt.question(
      '\nNo Google credentials found. Log in with Google now? [Y/n/no-browser] ',
    );
  } catch (error) {
    // Ctrl+C at the question: stop as Ctrl+C stops any command (exit 130), not as a failure.
    if ((error as NodeJS.ErrnoException).code !== 'ABORT_ERR') throw error;
    process.stdout.write('\n');
    process.exit(130);
  } finally {
    prompt.close();
  }
  const choice = answer.trim().toLowerCase();
  if (choice === 'n' || choice === 'no') return;
  try {
    await runLogin({ config, noBrowser: choice === 'no-browser' || choice === 'nb' });
  } catch (error) {
    process.stderr.write(
      `Login failed: ${error instanceof Error ? error.message : String(error)}\nStarting without credentials; run "npm run login" later.\n`,
    );
  }
}
