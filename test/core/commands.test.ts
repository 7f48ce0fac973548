/** Command words: what each one typed (or pressed, or sent as /command) does. */
import { describe, expect, it } from 'vitest';
import { commandWords } from '../../templates/commands.ts';
import { commandOf, eventForCommand, eventForText } from '../../src/core/commands.ts';

describe('every command word', () => {
  it.each([
    ['开始', { type: 'user.start' }],
    ['返回', { type: 'user.back' }],
    ['跳过', { type: 'user.skip' }],
    ['进度', { type: 'user.status' }],
    ['查看回答', { type: 'user.review' }],
    ['继续', { type: 'user.continue' }],
    ['重新开始', { type: 'user.restart' }],
    ['为什么问', { type: 'user.help' }],
    ['材料清单', { type: 'user.checklist' }],
    ['联系方式', { type: 'user.contact' }],
    ['删除我的数据', { type: 'user.forget' }],
    ['暂停提醒', { type: 'user.reminders', paused: true }],
    ['恢复提醒', { type: 'user.reminders', paused: false }],
    ['切换', { type: 'user.switch' }],
  ])('%s', (word, event) => expect(eventForText(word)).toEqual(event));

  it('下载 and 退出 are left to the channel (a PDF to send, a session to end)', () => {
    expect(eventForText('下载')).toBe('pdf');
    expect(eventForText('/pdf')).toBe('pdf');
    expect(eventForText('退出')).toBe('quit');
    expect(eventForText('exit')).toBe('quit');
  });

  it('each English word and its /command mean the same as the Chinese word', () => {
    for (const [name, words] of Object.entries(commandWords)) {
      for (const word of words) expect(commandOf(word), word).toBe(name);
      const english = words.find((w) => /^[a-z]+$/.test(w)) as string;
      expect(eventForText(`/${english}`), english).toEqual(eventForText(words[0]));
    }
  });
});

describe('how a command is typed', () => {
  it('case, full-width letters and blanks around do not matter', () => {
    expect(eventForText('  CONTINUE ')).toEqual({ type: 'user.continue' });
    expect(eventForText('／ｍｕｔｅ')).toEqual({ type: 'user.reminders', paused: true });
  });

  it('/start carries the campaign to start, however it is spaced', () => {
    expect(eventForText(' /start changji-2024 ')).toEqual({ type: 'user.start', campaignId: 'changji-2024' });
    expect(eventForText('/start  changji-2024')).toEqual({ type: 'user.start', campaignId: 'changji-2024' });
    expect(eventForText('/start@nianshen_bot wenshui-2022')).toEqual({ type: 'user.start', campaignId: 'wenshui-2022' });
    expect(eventForText('/start')).toEqual({ type: 'user.start' });
  });

  it('a payload is read only after a slash command, and the event takes it only for /start', () => {
    expect(eventForText('开始 changji-2024')).toEqual({ type: 'user.answer', input: '开始 changji-2024', typed: true });
    expect(eventForCommand('status', 'x')).toEqual({ type: 'user.status' });
  });
});
