/**
 * Operator logs: pino JSON lines with ids, never personal data (STYLE.md 15). A chat is named by a
 * salted hash of its key; errors keep their name, message, stack and codes, and drop the properties
 * libraries hang on them (telegraf's `on.payload` holds the message text sent, ioredis's `command.args`
 * the session data), where unit names, credit codes and answers live.
 */
import { createHash, createHmac } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field names that could carry what a unit typed or what the bot said; censored wherever they appear. */
const REDACT = ['text', 'caption', 'answers', 'unitName', 'data', 'payload', 'args', 'update', 'body'].flatMap((k) => [k, `*.${k}`]);

export type ErrorFields = { type: string; message: string; stack?: string; code?: string | number; method?: string; cause?: ErrorFields };

/** The parts of an error an operator needs; nothing a library attached to it. */
export function errorFields(error: unknown, depth = 0): ErrorFields {
  if (!(error instanceof Error)) return { type: typeof error, message: '[non-error value]' };
  // Some libraries leave `name` as "Error" (telegraf's TelegramError): the class says more.
  const fields: ErrorFields = { type: error.name === 'Error' ? error.constructor.name : error.name, message: error.message };
  if (error.stack) fields.stack = error.stack;
  const { code, on } = error as { code?: unknown; on?: { method?: unknown } };
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  // telegraf's TelegramError names the Bot API method it came from: useful, and not personal.
  if (typeof on?.method === 'string') fields.method = on.method;
  if (error.cause !== undefined && depth < 3) fields.cause = errorFields(error.cause, depth + 1);
  return fields;
}

/** Logs to `destination` (stderr by default, so the terminal chat's stdout stays the chat). */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: errorFields, error: errorFields },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A logger that writes nothing (library use and tests that do not look at logs). */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/**
 * Names a chat in logs without naming it: HMAC-SHA256 of the key with a per-deployment salt, 16 hex
 * characters. The same chat gets the same name across restarts, so an operator can follow one chat.
 */
export function keyHasher(salt: string): (key: string) => string {
  return (key) => createHmac('sha256', salt).update(key).digest('hex').slice(0, 16);
}

/** The salt of chat names in logs: LOG_SALT, or one derived from the (secret) bot token; the same in every process. */
export function logSalt(configured: string | undefined, token: string): string {
  return configured ?? createHash('sha256').update(`log-salt:${token}`).digest('hex');
}
