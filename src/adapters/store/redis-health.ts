/**
 * Redis seen from the operator's side: connection events in the log, and a readiness check. Works on the
 * ioredis client the store exposes (`RedisStore.redis`), without changing the store.
 */
import type { Logger } from '../log/log.ts';
import type { ReadinessCheck } from '../http/health.ts';

/** The part of an ioredis client (single server or Cluster) used here. */
export type RedisClientLike = {
  readonly status: string;
  ping(): Promise<string>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'reconnecting', listener: (delayMs: number) => void): unknown;
};

/**
 * Logs an outage's first error (error level) and first reconnect attempt (warn), later ones at debug
 * (ioredis retries every ≤2 s while Redis is away), and recovery with the outage's length. A shutdown's
 * own close logs nothing: ioredis does not reconnect after quit().
 */
export function logRedisEvents(redis: RedisClientLike, logger: Logger): void {
  const log = logger.child({ component: 'redis' });
  let downSince: number | undefined;
  let errors = 0;
  let attempts = 0;
  const outage = () => (downSince ??= Date.now());
  redis.on('error', (error) => {
    outage();
    if (errors++ === 0) log.error({ err: error }, 'redis error');
    else log.debug({ err: error }, 'redis error');
  });
  redis.on('reconnecting', (delayMs) => {
    outage();
    const fields = { attempt: ++attempts, delayMs };
    if (attempts === 1) log.warn(fields, 'redis connection lost; reconnecting');
    else log.debug(fields, 'redis reconnecting');
  });
  redis.on('ready', () => {
    if (downSince === undefined) log.info('redis ready');
    else log.info({ downMs: Date.now() - downSince, attempts, errors }, 'redis reconnected');
    downSince = undefined;
    errors = 0;
    attempts = 0;
  });
}

/** Ready when the client is connected and answers PING. */
export function redisReadiness(redis: RedisClientLike): ReadinessCheck {
  return async () => {
    if (redis.status !== 'ready') return redis.status;
    return (await redis.ping()) === 'PONG' ? true : 'unexpected reply';
  };
}
