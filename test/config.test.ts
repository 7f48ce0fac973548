/** Configuration: defaults for the embedded run, and clear refusals for unsafe production set-ups. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

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
