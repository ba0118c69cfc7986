import { LocalWindow, strictest, verdict } from './window';

const perMinute = (limit: number) => ({ limit, windowMs: 60_000 });

describe('verdict', () => {
  it('allows up to the limit within the window', () => {
    expect(verdict(perMinute(3), 1, 60_000)).toEqual({ allowed: true });
    expect(verdict(perMinute(3), 3, 1)).toEqual({ allowed: true });
  });

  it('refuses past the limit until the window ends, rounding the wait up to whole seconds', () => {
    expect(verdict(perMinute(3), 4, 59_001)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(verdict(perMinute(3), 4, 1_500)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(verdict(perMinute(3), 100, 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('asks for a whole window when the remaining time is unknown, and never more than a window', () => {
    expect(verdict(perMinute(1), 2, -1)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(verdict(perMinute(1), 2, 0)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(verdict(perMinute(1), 2, 999_999)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});

describe('strictest', () => {
  it('refuses if any refuses, with the longest wait', () => {
    expect(strictest([])).toEqual({ allowed: true });
    expect(strictest([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
    expect(
      strictest([
        { allowed: false, retryAfterSeconds: 5 },
        { allowed: true },
        { allowed: false, retryAfterSeconds: 9 },
      ]),
    ).toEqual({ allowed: false, retryAfterSeconds: 9 });
  });
});

describe('LocalWindow', () => {
  it('counts within a window and starts afresh when it ends', () => {
    let now = 1_000_000;
    const window = new LocalWindow({ limit: 2, windowMs: 10_000 }, () => now);
    expect(window.hit().allowed).toBe(true);
    now += 4_000;
    expect(window.hit().allowed).toBe(true);
    now += 1_000;
    expect(window.hit()).toEqual({ allowed: false, retryAfterSeconds: 5 });
    now += 4_999;
    expect(window.hit()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1;
    expect(window.hit()).toEqual({ allowed: true });
  });
});
