/**
 * Replies longer than Telegram's 4096-character limit become several messages that Telegram (the
 * emulator enforces the limit) accepts, split at line breaks where possible, keyboard on the last.
 */
import { Telegraf } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH, messagesFor, splitText } from '../../src/adapters/telegram/render.ts';
import type { Reply } from '../../src/core/present.ts';
import { startTelegramEmulator } from '../support/telegram-emulator.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const longText = (lines: number) => Array.from({ length: lines }, (_, i) => `第${i + 1}项：${'劳动保障书面审查的一条很长的说明'.repeat(4)}`).join('\n');

describe('splitting', () => {
  it('keeps a text of exactly 4096 characters whole and cuts one of 4097 in two', () => {
    expect(MAX_MESSAGE_LENGTH).toBe(4096);
    expect(splitText('字'.repeat(4096))).toEqual(['字'.repeat(4096)]);
    expect(splitText('字'.repeat(4097)).map((p) => p.length)).toEqual([4096, 1]);
    const lines = `${'字'.repeat(2000)}\n${'字'.repeat(2095)}`; // 4096 with a line break: still one message
    expect(splitText(lines)).toEqual([lines]);
  });

  it('cuts a text without line breaks into full pieces', () => {
    expect(splitText('a'.repeat(9000)).map((p) => p.length)).toEqual([4096, 4096, 808]);
  });

  it('turns a long reply into several messages, each within the limit, that read as the original', () => {
    const text = longText(200);
    expect(text.length).toBeGreaterThan(3 * MAX_MESSAGE_LENGTH);
    const messages = messagesFor({ kind: 'text', text });
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    // Cut at line breaks: every piece ends a line, and together they are the text.
    expect(messages.map((m) => m.text).join('\n')).toBe(text);
    expect(messages.every((m) => m.text.endsWith('说明'))).toBe(true);
  });

  it('puts the keyboard of a long question on its last message only', () => {
    const reply: Reply = { kind: 'prompt', text: longText(120), questionId: 'uses_dispatch', rev: 3, options: [{ id: 'yes', label: '是' }, { id: 'no', label: '否' }], menu: [] };
    const messages = messagesFor(reply);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.slice(0, -1).every((m) => m.keyboard === undefined)).toBe(true);
    expect(messages.at(-1)?.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(['是', '否']);
  });

  it('gives Telegram only messages it accepts', async () => {
    const emu = await startTelegramEmulator();
    cleanups.push(() => emu.close());
    const telegram = new Telegraf(emu.token, { telegram: { apiRoot: emu.apiRoot } }).telegram;
    const text = longText(200);
    await expect(telegram.sendMessage(1, text)).rejects.toMatchObject({ code: 400 }); // the limit is real
    for (const m of messagesFor({ kind: 'text', text })) await telegram.sendMessage(1, m.text);
    expect(emu.sent(1).map((m) => m.text).join('\n')).toBe(text);
  });
});
