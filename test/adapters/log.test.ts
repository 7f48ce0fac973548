/**
 * Logs with context, never with people: each line of a handled update names its update id and a salted
 * hash of the chat; Telegram's 429 and 403 and failed updates are logged; errors lose what libraries hang
 * on them (the text sent, the session data); fields that could hold answers are redacted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramError } from 'telegraf';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import pino from 'pino';
import { createLogger, errorFields, keyHasher, logSalt, silentLogger } from '../../src/adapters/log/log.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { chatKey, createBot } from '../../src/adapters/telegram/bot.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { StoreUnavailableError, type SessionStore } from '../../src/core/store.ts';
import { captureLog } from '../support/capture-log.ts';
import { startRedis } from '../support/redis-server.ts';
import { startTelegramEmulator, type TelegramEmulator } from '../support/telegram-emulator.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const hash = keyHasher('per-deployment-salt');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function loggedBot(store: SessionStore = new MemoryStore({ retentionSeconds: 3600 })) {
  const emu: TelegramEmulator = await startTelegramEmulator();
  cleanups.push(() => emu.close());
  const log = captureLog('trace');
  const service = new ConversationService({ campaigns: [campaign], store });
  const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, service, store, logger: log.logger, hashKey: hash });
  const say = (updateId: number, chat: number, text: string) =>
    bot.handleUpdate({ update_id: updateId, message: { message_id: updateId, date: 0, chat: { id: chat, type: 'private', first_name: '张三' }, from: { id: chat, is_bot: false, first_name: '张三' }, text } });
  return { emu, log, say };
}

describe('the bot log', () => {
  it('names the update and the hashed chat on every line of an update, at debug and above', async () => {
    const { log, say } = await loggedBot();
    await say(501, 7001, '/start');
    const lines = log.entries().filter((e) => e.updateId === 501);
    expect(lines.map((e) => e.msg)).toEqual(['update received', 'update handled']);
    expect(lines.every((e) => e.chat === hash(chatKey(7001)))).toBe(true);
    expect(hash(chatKey(7001))).toMatch(/^[0-9a-f]{16}$/);
    expect(keyHasher('another-salt')(chatKey(7001))).not.toBe(hash(chatKey(7001)));
    expect(log.raw.join('\n')).not.toContain('7001');
  });

  it("logs Telegram's 429 and 403 with the update id and the chat's hash", async () => {
    const { emu, log, say } = await loggedBot();
    emu.failNext('sendMessage', { code: 429, retryAfter: 0 });
    await say(601, 7002, '/start');
    expect(log.entries().find((e) => e.msg === 'telegram 429: waiting retry_after')).toMatchObject({ level: 'warn', updateId: 601, chat: hash(chatKey(7002)), method: 'sendMessage', retryAfterS: 0 });

    emu.failFor(7003, { code: 403 });
    await say(602, 7003, '/start');
    expect(log.entries().find((e) => e.msg === 'telegram 403: chat blocked the bot; marked unreachable')).toMatchObject({ level: 'info', updateId: 602, chat: hash(chatKey(7003)) });
  });

  it('logs a failed update with its error, but not the message the bot was sending', async () => {
    const { emu, log, say } = await loggedBot();
    emu.failNext('sendMessage', { code: 400, description: 'Bad Request: chat not found' });
    await say(701, 7004, '/start');
    const failed = log.entries().find((e) => e.msg === 'update failed');
    expect(failed).toMatchObject({ level: 'error', updateId: 701, chat: hash(chatKey(7004)), err: { type: 'TelegramError', method: 'sendMessage', code: 400 } });
    // telegraf keeps the whole call (the greeting's text) on the error; none of it reaches the log.
    expect(log.raw.join('\n')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('logs that an update was not applied while Redis is down', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const store = new RedisStore({ url: redis.url, retentionSeconds: 3600, commandTimeoutMs: 300 });
    await store.connect();
    cleanups.push(() => store.close());
    const { log, say } = await loggedBot(store);
    await redis.kill();
    await say(801, 7005, '/start');
    expect(log.entries().find((e) => e.msg === 'update not applied')).toMatchObject({ level: 'warn', updateId: 801, outcome: 'store_unavailable' });
  });
});

describe('the silent logger', () => {
  it('writes nothing at any level (libraries and tests that do not look at logs get it by default)', () => {
    const log = silentLogger();
    expect(log.level).toBe('silent');
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug'] as const) expect(log.isLevelEnabled(level)).toBe(false);
  });
});

describe('errors in the log', () => {
  it("keep name, message, stack, code and the Bot API method, and drop telegraf's payload", () => {
    const error = new TelegramError({ error_code: 400, description: 'Bad Request: message is too long' }, { method: 'sendMessage', payload: { chat_id: 1, text: '某某科技有限公司 91350100M000100Y43' } });
    const fields = errorFields(error);
    expect(fields).toMatchObject({ type: 'TelegramError', code: 400, method: 'sendMessage', message: '400: Bad Request: message is too long' });
    expect(JSON.stringify(fields)).not.toContain('某某科技');
    expect(JSON.stringify(fields)).not.toContain('91350100M000100Y43');
  });

  it("drop ioredis's command arguments (the session data) and follow the cause", () => {
    const reply = Object.assign(new Error('ERR Error running script'), { command: { name: 'evalsha', args: ['nsz:s:{tg:1}', '{"answers":{"unit_name":"某某科技有限公司"}}'] } });
    const fields = errorFields(new StoreUnavailableError(reply));
    expect(fields).toMatchObject({ type: 'StoreUnavailableError', cause: { type: 'Error', message: 'ERR Error running script' } });
    expect(JSON.stringify(fields)).not.toContain('某某科技');
  });

  it('say what was thrown when it is not an error, keep string codes, and follow causes three deep only', () => {
    expect(errorFields('a string')).toEqual({ type: 'string', message: '[non-error value]' });
    expect(errorFields(undefined)).toEqual({ type: 'undefined', message: '[non-error value]' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    expect(errorFields(refused)).toMatchObject({ type: 'Error', code: 'ECONNREFUSED', stack: expect.stringContaining('ECONNREFUSED') });
    // Only a string or number is a code, and only a string names a Bot API method.
    const odd = Object.assign(new RangeError('odd'), { code: { nested: true }, on: { method: 7 } });
    expect(errorFields(odd)).not.toHaveProperty('code');
    expect(errorFields(odd)).not.toHaveProperty('method');
    expect(errorFields(odd).type).toBe('RangeError');
    // An error named apart from its class (a lost long poll's AbortSignal.timeout) says its name, not the class.
    expect(errorFields(new DOMException('The operation was aborted due to timeout', 'TimeoutError')).type).toBe('TimeoutError');
    const noStack = new Error('no stack');
    noStack.stack = undefined;
    expect(errorFields(noStack)).not.toHaveProperty('stack');
    expect(errorFields(noStack)).not.toHaveProperty('cause');
    let chain: Error = new Error('root');
    for (let i = 4; i >= 1; i--) chain = new Error(`level ${i}`, { cause: chain });
    const fields = errorFields(chain);
    expect([fields.message, fields.cause?.message, fields.cause?.cause?.message, fields.cause?.cause?.cause?.message]).toEqual(['level 1', 'level 2', 'level 3', 'level 4']);
    expect(fields.cause?.cause?.cause?.cause).toBeUndefined();
  });

  it('are JSON lines with the level by name, the process id and an ISO time', () => {
    const { logger, raw } = captureLog('info');
    logger.debug('not at info');
    logger.info({ updateId: 1 }, 'one line');
    expect(raw).toHaveLength(1);
    const line = JSON.parse(raw[0] as string);
    expect(line).toMatchObject({ level: 'info', pid: process.pid, updateId: 1, msg: 'one line' });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('name a chat by a salted hash of 16 hex characters, the same across restarts', () => {
    expect(hash('tg:1')).toMatch(/^[0-9a-f]{16}$/);
    expect(keyHasher('per-deployment-salt')('tg:1')).toBe(hash('tg:1'));
    expect(hash('tg:2')).not.toBe(hash('tg:1'));
    expect(keyHasher('another-salt')('tg:1')).not.toBe(hash('tg:1'));
  });

  it('take their salt from LOG_SALT, or from the bot token: the same in every process of one bot, another for another bot', () => {
    expect(logSalt('configured', 'token-a')).toBe('configured');
    expect(logSalt(undefined, 'token-a')).toMatch(/^[0-9a-f]{64}$/);
    expect(logSalt(undefined, 'token-a')).toBe(logSalt(undefined, 'token-a'));
    expect(logSalt(undefined, 'token-a')).not.toBe(logSalt(undefined, 'token-b'));
    expect(logSalt(undefined, 'token-a')).not.toContain('token-a');
  });

  it('go to stderr by default, written at once (the terminal chat owns stdout; a crash loses no line)', () => {
    const stream = (createLogger('info') as unknown as Record<symbol, { fd: number; sync: boolean }>)[pino.symbols.streamSym];
    expect(stream?.fd).toBe(2);
    expect(stream?.sync).toBe(true);
  });

  it('redact fields that could hold what a unit typed, wherever they are logged', () => {
    const { logger, raw } = captureLog('info');
    logger.info({ text: '某某科技有限公司', answers: { unit_name: '某某' }, update: { message: { text: '某某' } }, ctx: { data: 'a:unit_name:x:1' } }, 'careless line');
    expect(raw.join('')).not.toMatch(/某某|a:unit_name/);
    expect(JSON.parse(raw[0] as string)).toMatchObject({ text: '[redacted]', answers: '[redacted]', update: '[redacted]', ctx: { data: '[redacted]' } });
  });
});
