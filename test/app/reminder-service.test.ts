/**
 * The reminder service on its own, over a store in this process: who a run is for (areas, one area, stuck
 * units, paused and unreachable ones), what a manual and a scheduled run carry, and what one unit reads when
 * its reminder leaves (from its conversation as it stands then). The queue and worker are tested with BullMQ
 * on Redis in test/adapters/reminders.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { newRunId, ReminderService } from '../../src/app/reminder-service.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { reminderButtons } from '../../src/core/reminders.ts';
import { IN_WINDOW } from '../support/profiles.ts';
import { seedUnits } from '../support/reminders.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const DAY = 86_400_000;
let store: MemoryStore;
let service: ReminderService;
let conversations: ConversationService;

beforeEach(async () => {
  store = new MemoryStore({ retentionSeconds: 400 * 86_400, now: () => IN_WINDOW.getTime() });
  conversations = new ConversationService({ campaigns: [changji, wenshui], store, clock: () => IN_WINDOW });
  service = new ReminderService({ campaigns: [changji, wenshui], store, conversations, canReach: (key) => key.startsWith('tg:'), clock: () => IN_WINDOW });
  await seedUnits(store, changji, [
    { key: 'tg:1', name: '阜康甲', area: 'fukang' },
    { key: 'tg:2', name: '阜康乙', area: 'fukang', at: new Date(IN_WINDOW.getTime() - 10 * DAY) },
    { key: 'tg:3', name: '阜康完成', area: 'fukang', status: 'finished' },
    { key: 'tg:4', name: '阜康暂停', area: 'fukang', paused: true },
    { key: 'tg:5', name: '奇台甲', area: 'qitai' },
    { key: 'web:6', name: '网页单位', area: 'fukang' },
    { key: 'tg:7', name: '拉黑', area: 'qitai' },
  ]);
  await store.setUnreachable('tg:7', true);
});

const keys = (entries: { key: string }[]) => entries.map((e) => e.key).sort();

describe('the audience', () => {
  it('a staff member\'s areas: the unfinished units it can reach, paused ones too (a person asked), the others counted', async () => {
    const audience = await service.audience(changji, { areas: ['fukang'], skipPaused: false });
    expect(keys(audience.recipients)).toEqual(['tg:1', 'tg:2', 'tg:4']);
    expect(audience.paused).toBe(1);
    expect(audience.skipped).toEqual({ finished: 1, paused: 0, unreachable: 1 });
  });

  it('the whole campaign, paused units left out; unreachable ones (blocked, or on the web) counted', async () => {
    const audience = await service.audience(changji, { skipPaused: true });
    expect(keys(audience.recipients)).toEqual(['tg:1', 'tg:2', 'tg:5']);
    expect(audience.skipped).toEqual({ finished: 1, paused: 1, unreachable: 2 });
  });

  it('one area of theirs, and only units stuck for some days', async () => {
    expect(keys((await service.audience(changji, { areas: ['fukang', 'qitai'], area: 'qitai', skipPaused: false })).recipients)).toEqual(['tg:5']);
    expect(keys((await service.audience(changji, { areas: ['fukang'], stuckDays: 7, skipPaused: false })).recipients)).toEqual(['tg:2']);
  });
});

describe('runs', () => {
  it('a manual run: its own id as the reminder id, paused units included, the report for the staff member', async () => {
    const runId = newRunId();
    expect(runId).toMatch(/^m-[A-Za-z0-9_-]{12}$/);
    const run = await service.manualRun(changji, runId, { areas: ['fukang'] }, { chatId: 9001, staff: '王', scope: '阜康' });
    expect(run).toEqual({
      runId,
      campaignId: changji.id,
      reminderId: runId,
      kind: 'manual',
      skipPaused: false,
      recipients: expect.arrayContaining(['tg:1', 'tg:2', 'tg:4']),
      skipped: { finished: 1, paused: 0, unreachable: 1 },
      report: { chatId: 9001, staff: '王', scope: '阜康' },
      createdAt: IN_WINDOW.getTime(),
    });
    expect(run.recipients).toHaveLength(3);
  });

  it('a scheduled run fires on a reminder day in the daytime only, for every unfinished unit but the paused', async () => {
    const due = new Date('2025-04-30T12:00:00+08:00').getTime();
    const reminderDay = changji.reminders.daysBefore[0] as number;
    const day = new Date(due - reminderDay * DAY + (10 - 12) * 3_600_000);
    const fired = await service.scheduledRun(changji, day);
    expect(fired.decision.fire).toBe(true);
    expect(fired.run).toMatchObject({ kind: 'scheduled', skipPaused: true, campaignId: changji.id, createdAt: day.getTime() });
    expect(fired.run?.runId).toBe(`s-${changji.id}-${fired.run?.reminderId}`);
    expect(fired.run?.reminderId).toMatch(new RegExp(`-d${reminderDay}$`));
    expect([...(fired.run?.recipients ?? [])].sort()).toEqual(['tg:1', 'tg:2', 'tg:5']);
    const night = await service.scheduledRun(changji, new Date(day.getTime() + 13 * 3_600_000));
    expect(night).toEqual({ run: undefined, decision: expect.objectContaining({ fire: false, reason: 'night' }) });
    expect((await service.scheduledRun(wenshui, day)).decision).toMatchObject({ fire: false, reason: 'no_deadline' });
  });
});

describe('what one unit reads', () => {
  it('a started unit: its reminder text and buttons, and its area', async () => {
    const plan = await service.forUnit('tg:1', changji.id, true);
    expect(plan).toEqual({ send: true, text: expect.stringContaining('阜康甲'), buttons: reminderButtons(), area: 'fukang' });
  });

  it('a finished unit, a paused one (when the run skips them), an unknown unit, another campaign\'s: nothing, with the reason', async () => {
    expect(await service.forUnit('tg:3', changji.id, false)).toEqual({ send: false, reason: 'finished' });
    expect(await service.forUnit('tg:4', changji.id, true)).toEqual({ send: false, reason: 'paused' });
    expect((await service.forUnit('tg:4', changji.id, false)).send).toBe(true);
    expect(await service.forUnit('tg:404', changji.id, false)).toEqual({ send: false, reason: 'gone' });
    expect(await service.forUnit('tg:1', wenshui.id, false)).toEqual({ send: false, reason: 'gone' });
    expect(await service.forUnit('tg:1', 'no-such-campaign', false)).toEqual({ send: false, reason: 'gone' });
  });

  it('reads the unit as it stands when its reminder leaves: one that finished since the run began gets none', async () => {
    expect((await service.forUnit('tg:1', changji.id, false)).send).toBe(true);
    await store.forget('tg:1', [changji.id]);
    await seedUnits(store, changji, [{ key: 'tg:1', name: '阜康甲', area: 'fukang', status: 'finished' }]);
    expect(await service.forUnit('tg:1', changji.id, false)).toEqual({ send: false, reason: 'finished' });
  });

  it('knows its campaigns by id', () => {
    expect(service.campaign(wenshui.id)).toBe(wenshui);
    expect(service.campaign('nope')).toBeUndefined();
    expect(service.campaigns).toEqual([changji, wenshui]);
  });
});
