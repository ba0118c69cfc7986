import { loadConfig } from './config';
import { parseOrigins, parseRate } from './rate';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/muster',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_JWT_SECRET: 'a-development-secret-of-at-least-32-chars',
};

describe('parseRate', () => {
  it('reads a count per window', () => {
    expect(parseRate('600/1m')).toEqual({ limit: 600, windowMs: 60_000 });
    expect(parseRate(' 20/10s ')).toEqual({ limit: 20, windowMs: 10_000 });
    expect(parseRate('5/1500ms')).toEqual({ limit: 5, windowMs: 1_500 });
    expect(parseRate('100/1h')).toEqual({ limit: 100, windowMs: 3_600_000 });
    expect(parseRate('3/30')).toEqual({ limit: 3, windowMs: 30_000 });
  });

  it('treats 0, off and empty as no limit', () => {
    expect(parseRate('0')).toBeUndefined();
    expect(parseRate('off')).toBeUndefined();
    expect(parseRate('OFF')).toBeUndefined();
    expect(parseRate('')).toBeUndefined();
  });

  it('refuses what it cannot read, a zero count and windows out of bounds', () => {
    for (const bad of ['600', '600/', '/1m', 'ten/1m', '600/1d', '-1/1m', '0/1m', '5/500ms', '5/25h', '1.5/1m']) {
      expect(() => parseRate(bad)).toThrow();
    }
  });
});

describe('parseOrigins', () => {
  it('reads a comma-separated list of exact origins, dropping blanks and repeats', () => {
    expect(parseOrigins('')).toEqual([]);
    expect(parseOrigins(' https://a.example , http://localhost:5173,,https://a.example')).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
  });

  it('refuses anything a browser would never send as its Origin', () => {
    for (const bad of [
      '*',
      'a.example',
      'https://a.example/',
      'https://a.example/app',
      'ftp://a.example',
      'https://*.example',
    ]) {
      expect(() => parseOrigins(bad)).toThrow(/not an exact origin/);
    }
  });
});

describe('abuse limits in loadConfig', () => {
  it('has generous limits and closed CORS by default', () => {
    const config = loadConfig(valid);
    expect(config.rateLimit).toEqual({
      perToken: { limit: 600, windowMs: 60_000 },
      perAddress: { limit: 1200, windowMs: 60_000 },
    });
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.live.topicsPerSocket).toBe(100);
    expect(config.live.replaysPerSocket).toEqual({ limit: 10, windowMs: 60_000 });
  });

  it('turns each limit off on its own', () => {
    const config = loadConfig({
      ...valid,
      RATE_LIMIT_PER_TOKEN: 'off',
      RATE_LIMIT_PER_ADDRESS: '0',
      LIVE_REPLAYS_PER_SOCKET: 'off',
    });
    expect(config.rateLimit).toEqual({ perToken: undefined, perAddress: undefined });
    expect(config.live.replaysPerSocket).toBeUndefined();
  });

  it('names each bad limit variable', () => {
    expect(() =>
      loadConfig({
        ...valid,
        RATE_LIMIT_PER_TOKEN: 'lots',
        CORS_ORIGINS: 'https://a.example/',
        LIVE_TOPICS_PER_SOCKET: '0',
      }),
    ).toThrow(
      /RATE_LIMIT_PER_TOKEN: not a rate[\s\S]*CORS_ORIGINS: not an exact origin|CORS_ORIGINS[\s\S]*RATE_LIMIT_PER_TOKEN/,
    );
  });
});
