import type { CheckName } from './check-result';
import { checkTitle } from './run-checks';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A progress line on stderr: animated on a terminal, one plain line per step otherwise. */
export interface Progress {
  update(text: string): void;
  check(name: CheckName, index: number, total: number): void;
  done(): void;
}

/** Creates the progress line; `enabled: false` gives a silent one (e.g. for `--json`). */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  const tty = Boolean(stream.isTTY);
  let text = '';
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    stream.write(`\r\x1b[2K${FRAMES[frame % FRAMES.length]} ${text}`);
    frame += 1;
  };
  const update = (next: string) => {
    if (!enabled) return;
    text = next;
    if (!tty) {
      stream.write(`${next}\n`);
      return;
    }
    timer ??= setInterval(draw, 80).unref();
    draw();
  };
  return {
    update,
    check: (name, index, total) => update(`[${index + 1}/${total}] ${checkTitle(name)}…`),
    done() {
      if (timer) clearInterval(timer);
      if (enabled && tty) stream.write('\r\x1b[2K');
    },
  };
}
