/**
 * The small parts of the Telegram channel at their edges: button payloads anyone can forge, keyboards
 * and long texts, 429 retries against the Bot API emulator, and a wait that a shutdown cuts short.
 */
import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { isNotModified, retryOn429 } from '../../src/adapters/telegram/api-retry.ts';
import { pause } from '../../src/adapters/telegram/backoff.ts';
import { decodeAnswerButton, encodeAnswerButton } from '../../src/adapters/telegram/callback-data.ts';
import { keyboardFor, splitText } from '../../src/adapters/telegram/render.ts';
import type { Reply } from '../../src/core/present.ts';
import { startTelegramEmulator } from '../support/telegram-emulator.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('button payloads', () => {
  it('decode only what this bot made', () => {
    expect(decodeAnswerButton('a:unit_type:enterprise:3')).toEqual({ questionId: 'unit_type', option: 'enterprise', rev: 3 });
    expect(decodeAnswerButton('a:-:继续:12')).toEqual({ option: '继续', rev: 12 });
    // Revisions are plain digits only: what Number() would also read (+1, 0x1, 1e3, spaces) is not ours.
    for (const forged of [undefined, 7, 'a:q:x', 'a:q:x:1:2', 'b:q:x:1', 'a:q:x:1a', 'a:q:x:a1', 'a:q:x:', 'a:q:x:1234567890', 'a:Q:x:1', 'a:q:x:+1', 'a:q:x:0x1', 'a:q:x: 1', 'a:q:x:1e3', 'a:q:x:1 ']) {
      expect(decodeAnswerButton(forged), String(forged)).toBeUndefined();
    }
  });

  it('hold at most 64 bytes both ways', () => {
    const fits = `a:q:${'x'.repeat(64 - 'a:q::1'.length)}:1`;
    expect(Buffer.byteLength(fits)).toBe(64);
    // The option is longer than a real one may be (24), so it fails validation, not the length check.
    expect(decodeAnswerButton(fits)).toBeUndefined();
    const atLimit = `a:${'q'.repeat(40)}:选项选ab:${'9'.repeat(9)}`;
    expect(Buffer.byteLength(atLimit)).toBe(64);
    expect(decodeAnswerButton(atLimit)).toEqual({ questionId: 'q'.repeat(40), option: '选项选ab', rev: 999_999_999 });
    expect(decodeAnswerButton(`${atLimit}${'9'.repeat(70)}`)).toBeUndefined();
    // Valid in every part, but longer than Telegram ever delivers: not ours.
    const over = `a:${'q'.repeat(40)}:选项选项选项选项:1`;
    expect(Buffer.byteLength(over)).toBeGreaterThan(64);
    expect(decodeAnswerButton(over)).toBeUndefined();
    expect(() => encodeAnswerButton({ questionId: 'q'.repeat(40), option: '很长的选项名称很长的选项', rev: 1 })).toThrow(/callback_data over 64 bytes/);
  });
});

describe('keyboards', () => {
  const prompt = (options: string[], menu: string[] = []): Extract<Reply, { kind: 'prompt' }> => ({
    kind: 'prompt',
    text: '问题',
    questionId: 'q',
    rev: 1,
    options: options.map((label, i) => ({ id: `o${i}`, label })),
    menu: menu.map((label) => ({ id: label, label })),
  });
  const rows = (reply: Extract<Reply, { kind: 'prompt' }>) => keyboardFor(reply)?.inline_keyboard.map((row) => row.map((b) => b.text));

  it('puts up to three short options side by side, longer or more options one a row, the menu below', () => {
    expect(keyboardFor(prompt([]))).toBeUndefined();
    expect(rows(prompt([], ['为什么问']))).toEqual([['为什么问']]);
    expect(rows(prompt(['是', '否', '不确定']))).toEqual([['是', '否', '不确定']]);
    expect(rows(prompt(['六个字的选项']))).toEqual([['六个字的选项']]);
    expect(rows(prompt(['六个字的选项', '否']))).toEqual([['六个字的选项', '否']]);
    expect(rows(prompt(['七个字的长选项', '否']))).toEqual([['七个字的长选项'], ['否']]);
    expect(rows(prompt(['一', '二', '三', '四']))).toEqual([['一'], ['二'], ['三'], ['四']]);
    expect(rows(prompt(['是', '否'], ['为什么问']))).toEqual([['是', '否'], ['为什么问']]);
    // As many options as menu buttons: still a keyboard.
    expect(rows(prompt(['是'], ['为什么问']))).toEqual([['是'], ['为什么问']]);
  });
});

describe('long texts', () => {
  it('never sends an empty first piece for a text that starts with a line break, and keeps line breaks inside pieces', () => {
    expect(splitText('')).toEqual(['']);
    expect(splitText(`\n${'a'.repeat(5000)}`, 4096)).toEqual([`\n${'a'.repeat(4095)}`, 'a'.repeat(905)]);
    expect(splitText(`${'a'.repeat(5000)}\nb`, 4096)).toEqual(['a'.repeat(4096), `${'a'.repeat(904)}\nb`]);
  });
});

describe('429 retries', () => {
  async function telegram(options: Parameters<typeof retryOn429>[1]) {
    const emu = await startTelegramEmulator();
    cleanups.push(() => emu.close());
    const t = new Telegraf(emu.token, { telegram: { apiRoot: emu.apiRoot } }).telegram;
    retryOn429(t, options);
    return { emu, t };
  }

  it('waits retry_after each time, up to the number of retries, then gives the 429 up', async () => {
    const waits: number[] = [];
    const { emu, t } = await telegram({ maxRetries: 2, wait: async (ms) => void waits.push(ms) });
    emu.failNext('sendMessage', { code: 429, retryAfter: 2 }, 5);
    await expect(t.sendMessage(1, '你好')).rejects.toMatchObject({ code: 429 });
    expect(emu.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(3);
    expect(waits).toEqual([2000, 2000]);
  });

  it('delivers after the wait, with or without someone told of it', async () => {
    const { emu, t } = await telegram({ wait: async () => undefined });
    emu.failNext('sendMessage', { code: 429, retryAfter: 1 }, 1);
    await t.sendMessage(1, '你好');
    expect(emu.sent(1).map((m) => m.text)).toEqual(['你好']);
  });

  it('tells "message is not modified" apart from other errors', () => {
    const error = (code: number, description: string) => new TelegramError({ error_code: code, description });
    expect(isNotModified(error(400, 'Bad Request: message is not modified: specified new message content'))).toBe(true);
    expect(isNotModified(error(400, 'Bad Request: message to edit not found'))).toBe(false);
    expect(isNotModified(error(403, 'message is not modified'))).toBe(false);
    expect(isNotModified(new Error('message is not modified'))).toBe(false);
  });
});

describe('pause', () => {
  it('returns at once when the shutdown has already begun', async () => {
    const started = performance.now();
    await pause(10_000, AbortSignal.abort());
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
