/** Failed sign-ins allowed per client address in one window before the form refuses to check. */
export const MAX_FAILED_SIGN_INS = 10;
const WINDOW_MS = 5 * 60_000;
const MAX_TRACKED = 10_000;

/**
 * Counts failed console sign-ins per client address (in memory, per replica): after
 * {@link MAX_FAILED_SIGN_INS} failures in five minutes the address must wait until the window
 * ends, so the password cannot be guessed quickly. A success clears the address.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds to wait, or 0 when `address` may try. */
  retryAfterSeconds(address: string): number {
    const entry = this.failures.get(address);
    if (!entry || entry.until <= this.now()) return 0;
    return entry.count >= MAX_FAILED_SIGN_INS ? Math.ceil((entry.until - this.now()) / 1000) : 0;
  }

  failed(address: string): void {
    const current = this.failures.get(address);
    if (current && current.until > this.now()) current.count += 1;
    else {
      if (this.failures.size >= MAX_TRACKED) this.sweep();
      this.failures.set(address, { count: 1, until: this.now() + WINDOW_MS });
    }
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }

  private sweep(): void {
    for (const [address, entry] of this.failures)
      if (entry.until <= this.now()) this.failures.delete(address);
    if (this.failures.size >= MAX_TRACKED) this.failures.clear();
  }
}
