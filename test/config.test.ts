/** Configuration: defaults for the embedded run, and clear refusals for unsafe production set-ups. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { clockFrom, ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('needs nothing for the terminal chat on the in-memory store', () => {
    const config = loadConfig({});
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config).toMatchObject({ PORT: 8080, SESSION_RETENTION_DAYS: 400, OUT_DIR: 'out' });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '', REDIS_URL: '', WEBHOOK_URL: '' }).TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: '1:a', NODE_ENV: 'production' }, /without REDIS_URL/],
    [{ WEBHOOK_URL: 'https://bot.example/' }, /WEBHOOK_SECRET/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ DOWNLOAD_SECRET: 'short' }, /DOWNLOAD_SECRET/],
    [{ NIANSHEN_NOW: 'tomorrow' }, /NIANSHEN_NOW/],
  ])('refuses %j with a message that names the problem', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('makes the program exit 1 with that message, not a stack trace', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, TELEGRAM_BOT_TOKEN: '1:a', NODE_ENV: 'production' },
      encoding: 'utf8',
      input: '',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Refusing to run the bot in production without REDIS_URL');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('operations settings', () => {
  it('defaults to retrying Telegram for ever, 30 downloads a minute, no proxy trusted, the mode-dependent log level', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ TELEGRAM_MAX_FAILURES: 0, DOWNLOAD_RATE_LIMIT: 30, TRUST_PROXY: false });
    expect(config.LOG_LEVEL).toBeUndefined();
    expect(config.LOG_SALT).toBeUndefined();
  });

  it('reads TRUST_PROXY as fastify takes it: true, or the proxies’ addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8,127.0.0.1');
  });

  it.each([[{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL/], [{ TELEGRAM_MAX_FAILURES: '-1' }, /TELEGRAM_MAX_FAILURES/], [{ DOWNLOAD_RATE_LIMIT: '0' }, /DOWNLOAD_RATE_LIMIT/]])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('switches and lists', () => {
  it.each([
    ['REDIS_CLUSTER', false],
    ['WEB', false],
    ['REMINDER_WORKER', true],
  ] as const)('reads %s as true/1 or false/0, and unset or empty as %s', (name, unset) => {
    const read = (value: string | undefined) => loadConfig(value === undefined ? {} : { [name]: value })[name];
    expect(read(undefined)).toBe(unset);
    expect(read('')).toBe(unset);
    expect(read('true')).toBe(true);
    expect(read('1')).toBe(true);
    expect(read('false')).toBe(false);
    expect(read('0')).toBe(false);
    expect(() => read('yes')).toThrow(name);
  });

  it('reads COOKIE_SECURE as auto (the default), true or false', () => {
    expect(loadConfig({}).COOKIE_SECURE).toBe('auto');
    expect(loadConfig({ COOKIE_SECURE: 'auto' }).COOKIE_SECURE).toBe('auto');
    expect(loadConfig({ COOKIE_SECURE: 'true' }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
  });

  it('reads CAMPAIGNS as ids in order, spaces and empty items dropped; unset means every campaign', () => {
    expect(loadConfig({ CAMPAIGNS: ' wenshui-2024 , ,changji-2024,' }).CAMPAIGNS).toEqual(['wenshui-2024', 'changji-2024']);
    expect(loadConfig({ CAMPAIGNS: 'changji-2024' }).CAMPAIGNS).toEqual(['changji-2024']);
    expect(loadConfig({}).CAMPAIGNS).toBeUndefined();
    expect(loadConfig({ CAMPAIGNS: '' }).CAMPAIGNS).toBeUndefined();
  });

  it('names every problem on its own line, and is a ConfigError by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DOWNLOAD_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).name).toBe('ConfigError');
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^  PORT: /), '  DOWNLOAD_SECRET: DOWNLOAD_SECRET must be at least 32 characters']);
  });
});

describe('production refusals', () => {
  const secret = 'c'.repeat(32);
  it('refuses the web in production without COOKIE_SECRET, and nothing else', () => {
    expect(() => loadConfig({ WEB: 'true', NODE_ENV: 'production' })).toThrow(/without COOKIE_SECRET/);
    expect(loadConfig({ WEB: 'true', NODE_ENV: 'production', COOKIE_SECRET: secret }).WEB).toBe(true);
    expect(loadConfig({ WEB: 'true' }).COOKIE_SECRET).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production' }).WEB).toBe(false);
  });

  it('refuses the bot in production without Redis only: a token alone, or production alone, is fine', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '1:a' }).REDIS_URL).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production' }).TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '1:a', NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' }).NODE_ENV).toBe('production');
  });
});

describe('the clock', () => {
  it('is the real time, or NIANSHEN_NOW when set', () => {
    const before = Date.now();
    const now = clockFrom(loadConfig({}))();
    expect(now).toBeInstanceOf(Date);
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.getTime()).toBeLessThanOrEqual(Date.now());
    expect(clockFrom(loadConfig({ NIANSHEN_NOW: '2025-03-10T09:00:00+08:00' }))().toISOString()).toBe('2025-03-10T01:00:00.000Z');
  });
});
