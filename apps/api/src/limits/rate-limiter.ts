import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CONFIG } from '@muster/config';
import type { Config, Rate } from '@muster/config';
import { ApiRedis } from '../ops/api-redis';
import { strictest, verdict, Verdict } from './window';

/** Longest a request waits on Redis for its count; past it the limiter fails open. */
const REDIS_TIMEOUT_MS = 250;
/** After a failure, requests skip Redis this long, so an outage costs each request nothing. */
const PAUSE_AFTER_FAILURE_MS = 1_000;

/** One atomic step per key: count the hit, start the window on the first one, report what is left of it. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

interface WithHit {
  musterRateHit(key: string, windowMs: number): Promise<[number, number]>;
}

export interface Caller {
  /** The verified token's `sub`, when the request carries a valid token. */
  sub?: string;
  address: string;
}

/**
 * Fixed-window request limits per token and per client address, counted in Redis so every api process
 * shares them. One key per counter (never two keys in one script) keeps it valid on Redis Cluster.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly redis: Redis & WithHit;
  private readonly prefix: string;
  private readonly perToken?: Rate;
  private readonly perAddress?: Rate;
  private pausedUntil = 0;
  private failing = false;

  constructor(@Inject(CONFIG) config: Config, redis: ApiRedis) {
    this.prefix = `${config.redis.prefix}:rl:`;
    this.perToken = config.rateLimit.perToken;
    this.perAddress = config.rateLimit.perAddress;
    if (!('musterRateHit' in redis.client)) {
      redis.client.defineCommand('musterRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    }
    this.redis = redis.client as Redis & WithHit;
  }

  get enabled(): boolean {
    return this.perToken !== undefined || this.perAddress !== undefined;
  }

  get limitsTokens(): boolean {
    return this.perToken !== undefined;
  }

  /** Counts this request against its limits; fails open (allows) when Redis is slow or away. */
  async hit(caller: Caller): Promise<Verdict> {
    if (Date.now() < this.pausedUntil) return { allowed: true };
    const counters: Array<Promise<Verdict>> = [];
    if (this.perToken !== undefined && caller.sub !== undefined)
      counters.push(this.count(this.perToken, `t:${caller.sub}`));
    if (this.perAddress !== undefined) counters.push(this.count(this.perAddress, `a:${caller.address}`));
    if (counters.length === 0) return { allowed: true };
    let timer: NodeJS.Timeout | undefined;
    try {
      const verdicts = await Promise.race([
        Promise.all(counters),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
        }),
      ]);
      this.recovered();
      return strictest(verdicts);
    } catch (error) {
      this.failed(error);
      return { allowed: true };
    } finally {
      clearTimeout(timer);
    }
  }

  private async count(rate: Rate, subject: string): Promise<Verdict> {
    const [count, remainingMs] = await this.redis.musterRateHit(`${this.prefix}${subject}`, rate.windowMs);
    return verdict(rate, count, remainingMs);
  }

  private failed(error: unknown): void {
    this.pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
    if (this.failing) return;
    this.failing = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`rate limits are not enforced while Redis is unavailable (${reason})`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('rate limits are enforced again');
  }
}
