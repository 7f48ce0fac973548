/** Configuration from the environment, checked with zod: one source of truth for its type. */
import { z } from 'zod';
import { LOG_LEVELS } from './adapters/log/log.ts';

const optionalString = z.string().trim().min(1).optional().or(z.literal('').transform(() => undefined));
/** A yes/no setting: `true`/`1` or `false`/`0`; unset or empty means `unset`. */
const flag = (unset: boolean) =>
  z.enum(['true', 'false', '1', '0', '']).optional().transform((v) => (v === undefined || v === '' ? unset : v === 'true' || v === '1'));

export const Config = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Without a token the main job is the terminal chat. */
  TELEGRAM_BOT_TOKEN: optionalString,
  /** A self-hosted Bot API server (or the test emulator). */
  TELEGRAM_API_ROOT: z.url().optional().or(z.literal('').transform(() => undefined)),
  /** Webhook mode when set: the public HTTPS URL Telegram posts updates to. */
  WEBHOOK_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  WEBHOOK_SECRET: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** Sessions in Redis when set; in memory (lost on exit) otherwise. */
  REDIS_URL: optionalString,
  /** REDIS_URL names Redis Cluster seed nodes (also implied by several comma-separated URLs). */
  REDIS_CLUSTER: flag(false),
  REDIS_KEY_PREFIX: z.string().default('nsz:'),
  /** Without Redis: the local file sessions are kept in (`:memory:` keeps them in this process only). */
  SESSION_FILE: z.string().trim().min(1).default('.nianshen/sessions.json'),
  /** How long a unit's answers are kept after its last activity. */
  SESSION_RETENTION_DAYS: z.coerce.number().int().positive().default(400),
  /** Pretend "now" is this instant (ISO 8601), e.g. to see days left inside the review window. */
  NIANSHEN_NOW: z.iso.datetime({ offset: true }).optional().or(z.literal('').transform(() => undefined)),
  /** Public base URL of the HTTP server, for signed PDF links (e.g. https://nianshen.example.gov.cn/). */
  PUBLIC_BASE_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  /** HMAC key for download links; links are served only when it is set (32+ characters). */
  DOWNLOAD_SECRET: z.string().min(32, 'DOWNLOAD_SECRET must be at least 32 characters').optional().or(z.literal('').transform(() => undefined)),
  DOWNLOAD_LINK_DAYS: z.coerce.number().int().positive().default(7),
  /** The campaigns this deployment offers, by id (comma-separated, in this order); unset: every one in flows/. */
  CAMPAIGNS: optionalString.transform((v) => (v ? v.split(',').map((id) => id.trim()).filter(Boolean) : undefined)),
  /** Bureau staff (JSON: names, Telegram ids, areas): staff commands are on only when set. */
  STAFF_FILE: optionalString,
  /** Where the terminal chat writes PDFs. */
  OUT_DIR: z.string().default('out'),
  /** Log level; unset: info for the bot, warn for the terminal chat (whose stdout is the chat). */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional().or(z.literal('').transform(() => undefined)),
  /** Salt of the hashed chat keys in logs; unset: derived from the bot token (secret, per deployment). */
  LOG_SALT: optionalString,
  /** Failed Bot API calls in a row (start-up or polling) before the process exits 1; 0 = keep retrying. */
  TELEGRAM_MAX_FAILURES: z.coerce.number().int().min(0).default(0),
  /** Behind a reverse proxy: `true`, or the proxies' addresses/CIDRs, comma-separated (fastify's trustProxy). */
  TRUST_PROXY: optionalString.transform((v): boolean | string => (v === undefined || v === 'false' ? false : v === 'true' ? true : v)),
  /** Requests a minute one client address may make to download links. */
  DOWNLOAD_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  /** Serve the web chat and the staff dashboard on the HTTP server (`npm run web` sets it). */
  WEB: flag(false),
  /** Signs the web's cookies (sessions, staff sign-in, CSRF) and, without DOWNLOAD_SECRET, its PDF links. */
  COOKIE_SECRET: z.string().min(32, 'COOKIE_SECRET must be at least 32 characters').optional().or(z.literal('').transform(() => undefined)),
  /** Secure cookies: `auto` (when the request came over https, behind a trusted proxy too), `true`, `false`. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto').transform((v): boolean | 'auto' => (v === 'auto' ? 'auto' : v === 'true')),
  /** Public base URL of the web chat (invitation links, QR codes, resume links); unset: PUBLIC_BASE_URL or the request's. */
  WEB_BASE_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  /** Resume-code attempts a minute per client address. */
  WEB_RESUME_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Staff sign-in attempts a minute per client address. */
  STAFF_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(5),
  /** Hours a staff member stays signed in to the dashboard. */
  STAFF_SESSION_HOURS: z.coerce.number().positive().default(8),
  /** Reminders sent per second at most, across every worker (Telegram allows about 30 a second per bot). */
  REMINDER_RATE: z.coerce.number().positive().max(10_000).default(25),
  /** Whether the bot process runs the reminder worker itself; `false` when `npm run worker` runs apart. */
  REMINDER_WORKER: flag(true),
  /** Seconds a worker holds a reminder job: after a crash, another worker takes the job over after this. */
  REMINDER_LOCK_SECONDS: z.coerce.number().positive().max(600).default(30),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = Config.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const config = result.data;
  if (config.TELEGRAM_BOT_TOKEN && config.NODE_ENV === 'production' && !config.REDIS_URL) {
    throw new ConfigError('Refusing to run the bot in production without REDIS_URL: in-memory sessions are lost on every restart.');
  }
  if (config.WEB && config.NODE_ENV === 'production' && !config.COOKIE_SECRET) {
    throw new ConfigError('Refusing to serve the web chat in production without COOKIE_SECRET (32+ random characters, e.g. `openssl rand -base64 48`): cookies must be signed with a key that survives restarts.');
  }
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    throw new ConfigError('WEBHOOK_URL needs WEBHOOK_SECRET: Telegram sends it back on every update so forged posts can be refused.');
  }
  return config;
}

export function clockFrom(config: Config): () => Date {
  const fixed = config.NIANSHEN_NOW;
  return fixed ? () => new Date(fixed) : () => new Date();
}
