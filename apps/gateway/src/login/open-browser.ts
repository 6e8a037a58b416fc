import { spawn } from 'node:child_process';

/**
 * Opens `url` in the desktop's default browser (`open` on macOS, `start` on Windows, `xdg-open`
 * elsewhere). Resolves false when no opener could be started (a headless server, a container):
 * the caller has printed the URL anyway. A small spawn instead of the `open` package, which is
 * ESM-only.
 */
export function openBrowser(
  url: string,
  {
    platform = process.platform,
    env = process.env,
  }: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv } = {},
): Promise<boolean> {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true, env });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
