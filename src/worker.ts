/**
 * `npm run worker`: the reminder worker alone, for deployments that run it apart from the bot
 * (REMINDER_WORKER=false there). Same environment as the bot; REDIS_URL and TELEGRAM_BOT_TOKEN are required.
 * Serves /healthz and /readyz (Redis, worker) on HOST:PORT; closes the worker, the queue and every Redis
 * connection on SIGTERM/SIGINT, after the reminders in hand are done.
 */
import { campaigns } from '../flows/index.ts';
import { clockFrom, ConfigError, loadConfig } from './config.ts';
import { ConversationService } from './app/conversation-service.ts';
import { Readiness, registerReadiness } from './adapters/http/health.ts';
import { createHttpServer } from './adapters/http/server.ts';
import { createLogger, keyHasher, logSalt } from './adapters/log/log.ts';
import { openReminders } from './adapters/queue/open-reminders.ts';
import { openStore, storeReadiness } from './adapters/store/open-store.ts';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.REDIS_URL) throw new ConfigError('npm run worker needs REDIS_URL: the reminder queue lives in Redis.');
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new ConfigError('npm run worker needs TELEGRAM_BOT_TOKEN: it sends the reminders.');
  const logger = createLogger(config.LOG_LEVEL ?? 'info');
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const store = await openStore(config, logger);
  try {
    const clock = clockFrom(config);
    const conversations = new ConversationService({ campaigns, store, clock });
    const reminders = await openReminders({ config, store, conversations, campaigns, logger, clock, runWorker: true, hashKey: keyHasher(logSalt(config.LOG_SALT, token)) });
    if (!reminders) throw new ConfigError('npm run worker needs REDIS_URL: the reminder queue lives in Redis.');
    const app = createHttpServer({ logger, trustProxy: config.TRUST_PROXY });
    const readiness = new Readiness();
    registerReadiness(app, readiness);
    const redisCheck = storeReadiness(store);
    if (redisCheck) readiness.add('redis', redisCheck);
    readiness.add('reminders', reminders.readiness);
    try {
      const address = await app.listen({ host: config.HOST, port: config.PORT });
      await reminders.worker?.waitUntilReady();
      logger.info({ address, rate: config.REMINDER_RATE }, 'reminder worker running');
      const reason = await signalled;
      logger.info({ reason }, 'shutting down');
    } finally {
      await reminders.close();
      await app.close();
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  },
);
