import { MAX_FAILED_SIGN_INS, SignInThrottle } from './sign-in-throttle';

describe('SignInThrottle', () => {
  it('blocks an address after too many failures until its five-minute window ends', () => {
    let time = 0;
    const throttle = new SignInThrottle(() => time);
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS - 1; attempt++) throttle.failed('a');
    expect(throttle.retryAfterSeconds('a')).toBe(0);
    throttle.failed('a');
    expect(throttle.retryAfterSeconds('a')).toBe(300);
    expect(throttle.retryAfterSeconds('b')).toBe(0);
    time += 299_000;
    expect(throttle.retryAfterSeconds('a')).toBe(1);
    time += 1_000;
    expect(throttle.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets an address after a successful sign-in', () => {
    const throttle = new SignInThrottle(() => 0);
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS - 1; attempt++) throttle.failed('a');
    throttle.succeeded('a');
    throttle.failed('a');
    expect(throttle.retryAfterSeconds('a')).toBe(0);
  });
});
