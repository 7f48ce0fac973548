/** The pure reminder rules: reminder days, daytime only, who is reminded, what a unit reads, the schedule's schema. */
import { describe, expect, it } from 'vitest';
import { campaigns, findCampaign } from '../../flows/index.ts';
import { Campaign, type CampaignInput } from '../../src/core/campaign.ts';
import { isDaytime, nextDaytime, reminderButtons, reminderCron, reminderText, scheduledDecision, selectAudience } from '../../src/core/reminders.ts';
import type { UnitIndexEntry } from '../../src/core/store.ts';
import { changji2024 } from '../../flows/changji-2024.ts';

const campaign = findCampaign('changji-2024') as Campaign;
/** A moment on Changji's clock (UTC+8). */
const at = (local: string) => new Date(`${local}+08:00`);

describe('scheduled reminder days', () => {
  it('defaults to 14, 7, 3 and 1 days before the deadline at 10:00 Asia/Shanghai', () => {
    expect(campaign.reminders).toEqual({ daysBefore: [14, 7, 3, 1], at: '10:00', timeZone: 'Asia/Shanghai' });
    expect(reminderCron(campaign)).toEqual({ pattern: '0 10 * * *', tz: 'Asia/Shanghai' });
  });

  it('fires on exactly those days (deadline 2025-04-30), by the local calendar', () => {
    const fired = [];
    for (let d = new Date('2025-04-01T02:00:00Z'); d <= new Date('2025-05-05T02:00:00Z'); d = new Date(d.getTime() + 86_400_000)) {
      const decision = scheduledDecision(campaign, d);
      if (decision.fire) fired.push(`${decision.date}/${decision.daysBefore}`);
    }
    expect(fired).toEqual(['2025-04-16/14', '2025-04-23/7', '2025-04-27/3', '2025-04-29/1']);
    // 23:30 UTC on the 15th is 07:30 on the 16th in Changji: a reminder day, but too early.
    expect(scheduledDecision(campaign, new Date('2025-04-15T23:30:00Z'))).toEqual({ fire: false, reason: 'night', date: '2025-04-16', daysLeft: 14 });
    expect(scheduledDecision(campaign, at('2025-04-16T10:00:00'))).toEqual({ fire: true, date: '2025-04-16', daysBefore: 14, reminderId: '2025-04-16-d14' });
    expect(scheduledDecision(campaign, at('2025-04-17T10:00:00'))).toMatchObject({ fire: false, reason: 'not_a_reminder_day', daysLeft: 13 });
  });

  it('never fires for a campaign without a written review’s deadline (Wenshui grades only)', () => {
    const wenshui = findCampaign('wenshui-2022') as Campaign;
    expect(scheduledDecision(wenshui, at('2024-04-16T10:00:00'))).toEqual({ fire: false, reason: 'no_deadline', date: '2024-04-16' });
  });

  it('never fires at night: only from 08:00 to before 21:00 local', () => {
    const hours = Array.from({ length: 24 }, (_, h) => h).filter((h) => scheduledDecision(campaign, at(`2025-04-23T${String(h).padStart(2, '0')}:30:00`)).fire);
    expect(hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(isDaytime(campaign, at('2025-04-23T07:59:59'))).toBe(false);
    expect(isDaytime(campaign, at('2025-04-23T08:00:00'))).toBe(true);
    expect(isDaytime(campaign, at('2025-04-23T20:59:59'))).toBe(true);
    expect(isDaytime(campaign, at('2025-04-23T21:00:00'))).toBe(false);
  });

  it('holds a night-time reminder until the next 08:00 local', () => {
    expect(nextDaytime(campaign, at('2025-04-23T22:15:00'))).toEqual(at('2025-04-24T08:00:00'));
    expect(nextDaytime(campaign, at('2025-04-24T03:00:00'))).toEqual(at('2025-04-24T08:00:00'));
    expect(nextDaytime(campaign, at('2025-04-24T12:00:00'))).toEqual(at('2025-04-24T12:00:00'));
  });

  it('takes the days and time from the campaign data, and refuses a night-time or malformed schedule', () => {
    const input = changji2024 as CampaignInput;
    const custom = Campaign.parse({ ...input, reminders: { daysBefore: [10, 2], at: '09:30' } });
    expect(custom.reminders).toEqual({ daysBefore: [10, 2], at: '09:30', timeZone: 'Asia/Shanghai' });
    expect(reminderCron(custom)).toEqual({ pattern: '30 9 * * *', tz: 'Asia/Shanghai' });
    expect(scheduledDecision(custom, at('2025-04-20T09:30:00')).fire).toBe(true);
    expect(scheduledDecision(custom, at('2025-04-23T09:30:00')).fire).toBe(false);
    for (const bad of [{ at: '22:00' }, { at: '07:59' }, { at: '9:30' }, { daysBefore: [] }, { timeZone: 'Europe/Berlin' }, { timeZone: 'Nowhere/City' }]) {
      expect(Campaign.safeParse({ ...input, reminders: bad }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(campaigns.every((c) => c.reminders.daysBefore.length > 0)).toBe(true);
  });
});

const entry = (key: string, over: Partial<UnitIndexEntry> = {}): UnitIndexEntry => ({
  key,
  campaignId: campaign.id,
  area: 'fukang',
  unitName: `${key} 公司`,
  status: 'started',
  updatedAt: at('2025-04-20T10:00:00').getTime(),
  answered: 10,
  remaining: 40,
  stop: 'retirees',
  remindersPaused: false,
  ...over,
});

describe('who is reminded', () => {
  const entries = [
    entry('tg:1'),
    entry('tg:2', { status: 'finished' }),
    entry('tg:3', { status: 'out_of_scope' }),
    entry('tg:4', { remindersPaused: true }),
    entry('tg:5'),
    entry('web:abc'),
    entry('tg:6', { area: 'qitai' }),
    entry('tg:7', { updatedAt: at('2025-04-10T10:00:00').getTime() }),
    entry('tg:8', { area: null }),
  ];
  const reachable = (key: string) => key.startsWith('tg:') && key !== 'tg:5';
  const now = at('2025-04-23T10:00:00');
  const keys = (a: ReturnType<typeof selectAudience>) => a.recipients.map((e) => e.key);

  it('scheduled: every unfinished, reachable unit that did not pause, whatever its area; the rest counted', () => {
    const a = selectAudience(entries, reachable, { skipPaused: true }, now);
    expect(keys(a)).toEqual(['tg:1', 'tg:6', 'tg:7', 'tg:8']);
    expect(a.skipped).toEqual({ finished: 2, paused: 1, unreachable: 2 });
  });

  it("manual: the caller's areas only, paused units included (and counted), optionally one area and stuck N days", () => {
    const a = selectAudience(entries, reachable, { areas: ['fukang'], skipPaused: false }, now);
    expect(keys(a)).toEqual(['tg:1', 'tg:4', 'tg:7']);
    expect(a.paused).toBe(1);
    expect(keys(selectAudience(entries, reachable, { areas: ['fukang', 'qitai'], area: 'qitai', skipPaused: false }, now))).toEqual(['tg:6']);
    expect(keys(selectAudience(entries, reachable, { areas: ['fukang'], stuckDays: 7, skipPaused: false }, now))).toEqual(['tg:7']);
  });
});

describe('what a unit reads', () => {
  it('names the unit, its progress, what is left and where it stopped, and the days left', () => {
    const text = reminderText(campaign, entry('tg:1', { unitName: '阜康某某有限公司' }), {}, at('2025-04-23T10:00:00'));
    expect(text).toContain('阜康某某有限公司');
    expect(text).toContain('已答 10 题（共 50 题），还剩最多 40 题');
    expect(text).toContain('上次停在：【基本信息】');
    expect(text).toContain('距截止日（2025-04-30）还有 7 天');
  });

  it('says when the deadline is today, or how long ago it passed and whom to call', () => {
    expect(reminderText(campaign, entry('tg:1'), {}, at('2025-04-30T10:00:00'))).toContain('今天（2025-04-30）是截止日');
    const late = reminderText(campaign, entry('tg:1'), {}, at('2025-05-03T10:00:00'));
    expect(late).toContain('截止日（2025-04-30）已过 3 天');
    expect(late).toContain('阜康市人力资源和社会保障局（电话 0994-3234108）');
  });

  it('offers 继续 and 暂停提醒, each a command word the conversation understands', () => {
    expect(reminderButtons()).toEqual([{ label: '继续', word: '继续' }, { label: '暂停提醒', word: '暂停提醒' }]);
  });
});

describe('reminder configuration', () => {
  it('defaults to 25 a second, the worker inside the bot, a 30-second lock; and refuses nonsense', async () => {
    const { loadConfig, ConfigError } = await import('../../src/config.ts');
    expect(loadConfig({})).toMatchObject({ REMINDER_RATE: 25, REMINDER_WORKER: true, REMINDER_LOCK_SECONDS: 30 });
    expect(loadConfig({ REMINDER_WORKER: 'false', REMINDER_RATE: '10' })).toMatchObject({ REMINDER_WORKER: false, REMINDER_RATE: 10 });
    expect(loadConfig({ REMINDER_WORKER: '' }).REMINDER_WORKER).toBe(true);
    for (const env of [{ REMINDER_RATE: '0' }, { REMINDER_RATE: 'fast' }, { REMINDER_WORKER: 'maybe' }, { REMINDER_LOCK_SECONDS: '-1' }]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
