/** The conversation service end to end over a real store: modes, commands, persistence, races, failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService, type HandleResult } from '../../src/app/conversation-service.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import type { ConversationEvent } from '../../src/core/conversation.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { t } from '../../src/core/text.ts';
import { AFTER_WINDOW, completeAnswers, gradeLine, PROFILES, typedConversation } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { creditCode } from '../support/staff.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const clock = () => new Date('2025-03-10T09:00:00+08:00');
const KEY = 'tg:100';

const texts = (r: HandleResult) => r.replies.map((x) => x.text).join('\n---\n');
const answer = (input: string, questionId?: string, rev?: number): ConversationEvent => ({
  type: 'user.answer',
  input,
  ...(questionId ? { questionId } : {}),
  ...(rev !== undefined ? { rev } : {}),
});

function serviceOn(store: SessionStore) {
  const service = new ConversationService({ campaigns: [campaign], store, clock });
  const say = (text: string, key = KEY) => {
    const event = eventForText(text);
    if (typeof event === 'string') throw new Error(`channel command ${event}`);
    return service.handle(key, event);
  };
  return { service, say };
}

async function runAll(say: (text: string) => Promise<HandleResult>, lines: string[]): Promise<HandleResult> {
  let last = await say('开始');
  for (const line of lines) last = await say(line);
  return last;
}

let redis: TestRedis;
const stores: RedisStore[] = [];
async function redisStore(prefix: string, commandTimeoutMs = 2000): Promise<RedisStore> {
  const store = new RedisStore({ url: redis.url, prefix, retentionSeconds: 3600, commandTimeoutMs });
  await store.connect();
  stores.push(store);
  return store;
}
beforeAll(async () => {
  redis = await startRedis({ persist: true });
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis.stop();
});

describe.each([
  ['memory', async () => new MemoryStore({ retentionSeconds: 3600 })],
  ['redis', () => redisStore(`conv${stores.length}:`)],
] as const)('a whole conversation on the %s store', (_name, open) => {
  it.each(Object.entries(PROFILES))('ends with the summary for profile %s', async (name, profile) => {
    const { say } = serviceOn(await open());
    const answers = completeAnswers(campaign, profile);
    const last = await runAll(say, typedConversation(campaign, answers));
    expect(last.replies.at(-1)?.kind).toBe('summary');
    expect(texts(last)).toContain(gradeLine(name as keyof typeof PROFILES));
    expect(texts(last)).toContain('截止日期：2025-04-30，还剩 51 天');
  });
});

describe('commands in the conversation', () => {
  it('goes back to the previous question showing its answer, keeps it until a new one is given, and says so on the first', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    expect(texts(await say('开始'))).toContain('请填写单位全称');
    expect(texts(await say('返回'))).toContain(t('conversation.nothingToGoBackTo'));
    expect(texts(await say('某某公司'))).toContain('统一社会信用代码');
    const back = await say('返回');
    expect(texts(back)).toContain('请填写单位全称');
    expect(texts(back)).toContain('当前回答：某某公司');
    // Nothing is lost by looking back.
    expect(back.snapshot?.context.answers).toEqual({ unit_name: '某某公司' });
    expect(texts(await say('返回'))).toContain(t('conversation.nothingToGoBackTo'));
    // 继续 keeps the answer and returns to the first open question.
    const kept = await say('继续');
    expect(texts(kept)).toContain('统一社会信用代码');
    expect(kept.snapshot?.context.answers).toEqual({ unit_name: '某某公司' });
    await say('返回');
    const changed = await say('某某有限公司');
    expect(changed.snapshot?.context.answers).toEqual({ unit_name: '某某有限公司' });
    expect(texts(changed)).toContain('统一社会信用代码');
  });

  it('goes back step by step in question order, never removing an answer out of sight', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const lines = typedConversation(campaign, answers);
    for (const line of ['开始', ...lines.slice(0, 8)]) await say(line);
    const order = Object.keys(answers);
    const first = await say('返回');
    expect(first.snapshot?.context.editing).toBe(order[7]);
    const second = await say('返回');
    expect(second.snapshot?.context.editing).toBe(order[6]);
    expect(Object.keys(second.snapshot?.context.answers ?? {})).toEqual(order.slice(0, 8));
  });

  it('skips only questions that allow it', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await say('开始');
    expect(texts(await say('跳过'))).toContain(t('answer.notSkippable'));
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const lines = typedConversation(campaign, answers);
    const firstMaterial = Object.keys(answers).findIndex((id) => id.startsWith('has_'));
    for (const line of lines.slice(0, firstMaterial)) await say(line);
    const skipped = await say('跳过');
    const id = Object.keys(answers)[firstMaterial] as string;
    expect(skipped.snapshot?.context.answers[id]).toBeNull();
  });

  it('reviews the answers and changes one, asking what the new branch needs', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    await runAll(say, typedConversation(campaign, answers));
    const review = await say('查看');
    expect(texts(review)).toContain(t('review.title', { example: '改3' }));
    const order = Object.keys(answers);
    const n = order.indexOf('uses_dispatch') + 1;
    // A bare number in the review is never taken for a pick (nor for an answer): 改 and the number are.
    const bare = await say(String(n));
    expect(texts(bare)).toContain(t('conversation.reviewPickAgain'));
    expect(bare.snapshot?.value).toBe('reviewing');
    expect(texts(await say(`改${n}`))).toContain('【修改回答】当前回答：否');
    // Another pick while changing an answer is a pick, never the new answer.
    const repicked = await say('改1');
    expect(repicked.snapshot?.context.editing).toBe('unit_name');
    expect(repicked.snapshot?.context.answers.unit_name).toBe(answers.unit_name);
    expect(texts(await say(`改${n}`))).toContain('【修改回答】当前回答：否');
    const changed = await say('是');
    expect(texts(changed)).toContain('劳务派遣人员有多少人');
    expect(changed.snapshot?.value).toBe('asking');
  });

  it('edits one answer by its question id, and refuses one that does not apply', async () => {
    const { service, say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await runAll(say, typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseA)));
    const editing = await service.handle(KEY, { type: 'user.edit', questionId: 'staff' });
    expect(editing.snapshot?.value).toBe('editing');
    expect(texts(editing)).toContain('【修改回答】当前回答：12 人');
    const changed = await say('30');
    expect(changed.snapshot?.context.answers.staff).toBe(30);
    // 30 staff: the contracts question (max = staff) and the contract samples change with it.
    expect(changed.snapshot?.value).toBe('asking');
    const refused = await service.handle(KEY, { type: 'user.edit', questionId: 'dispatched' });
    expect(texts(refused)).toContain(t('conversation.cannotEdit'));
  });

  it('refuses a stale answer to another question without changing anything', async () => {
    const { service, say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await say('开始');
    const before = await say('某某公司');
    const stale = await service.handle(KEY, answer('某某公司二', 'unit_name'));
    expect(texts(stale)).toContain(t('conversation.stale'));
    expect(stale.snapshot?.context).toEqual(before.snapshot?.context);
  });

  it('restarts only after confirmation', async () => {
    const { service, say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await say('开始');
    await say('某某公司');
    expect(texts(await say('重新开始'))).toContain(t('conversation.confirmRestart'));
    const cancelled = await say('不');
    expect(cancelled.snapshot?.context.answers).toEqual({ unit_name: '某某公司' });
    await say('重新开始');
    const restarted = await say('是');
    // The earlier confirmation's buttons carried an older revision: they cannot answer anything now.
    expect(texts(await service.handle(KEY, answer('是', undefined, 1)))).toContain(t('conversation.stale'));
    expect(texts(restarted)).toContain(t('conversation.restarted'));
    expect(restarted.snapshot?.context.answers).toEqual({});
  });

  it('forgets everything stored about the unit', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const { say } = serviceOn(store);
    await say('开始');
    await say('某某公司');
    await say('删除我的数据');
    const forgotten = await say('是');
    expect(forgotten.outcome).toBe('forgotten');
    expect(await store.load(KEY)).toBeUndefined();
    expect(await store.listUnits(campaign.id)).toEqual([]);
  });

  it('never stays silent: skip where there is nothing to skip gets a reply', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await runAll(say, typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseA)));
    expect(texts(await say('跳过'))).toContain(t('conversation.nothingToSkip'));
    await say('查看');
    expect((await say('跳过')).replies.length).toBeGreaterThan(0);
  });

  it('shows contacts and the checklist without losing the question', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await say('开始');
    const contact = await say('联系方式');
    expect(texts(contact)).toContain('0994-2206072');
    expect(texts(contact)).toContain('请填写单位全称');
    expect(texts(await say('材料清单'))).toContain(t('checklist.needUnitType'));
    for (const line of ['某某公司', '91350100M000100Y43', '企业']) await say(line);
    const checklist = texts(await say('材料清单'));
    expect(checklist).toContain('☐ 用人单位营业执照副本');
    expect(checklist).toContain('往年上传的资料删除。（依据：昌州人社发〔2025〕4号 附件 三(二)）');
  });

  it('says plainly when an individual business is out of scope', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    const last = await runAll(say, ['某某小吃店', '91350100M000100Y43', '个体户', '阜康', '2', '没有']);
    expect(texts(last)).toMatch(/不在本次书面审查范围/);
    expect(last.snapshot?.value).toBe('outOfScope');
    const back = await say('返回');
    expect(texts(back)).toContain('非全日制用工');
    expect(texts(back)).toContain('当前回答：0 人');
    const inScope = await say('1');
    expect(inScope.snapshot?.value).toBe('asking');
  });
});

describe('a conversation a shop owner finishes', () => {
  it('takes 不确定 as an answer and lists it as a thing to verify in the summary', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    const answers = completeAnswers(campaign, { ...PROFILES.enterpriseA, wages_on_time: 'unknown' });
    const last = await runAll(say, typedConversation(campaign, answers));
    expect(last.snapshot?.context.answers.wages_on_time).toBe('unknown');
    expect(texts(last)).toContain(t('summary.verifyUnknown', { question: '2024年是否每月在约定的日期把工资足额发给职工？' }));
    expect(texts(last)).toContain(t('summary.verdict.pending', { text: campaign.review!.verdicts.pending.text }));
    expect(texts(last)).not.toContain('不合格：');
  });

  it('explains the current question on 帮助 or 为什么问: plain words, source and terms', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const lines = typedConversation(campaign, answers);
    await runAll(say, lines.slice(0, Object.keys(answers).indexOf('uses_dispatch')));
    const why = await say('为什么问');
    expect(texts(why)).toContain(t('help.whyTitle'));
    expect(texts(why)).toContain('10%');
    expect(texts(why)).toContain('劳务派遣：由劳务派遣公司');
    expect(texts(why)).toContain('本单位是否使用劳务派遣人员');
    expect(why.snapshot?.context.answers).toEqual((await say('进度')).snapshot?.context.answers);
    // Outside a question, help is the usage text.
    const { say: other } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await runAll(other, typedConversation(campaign, answers));
    expect(texts(await other('帮助'))).toContain(t('conversation.help'));
  });

  it('tells the unit its bureau and phone as soon as it names its area', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    const reply = await runAll(say, ['某某公司', '91350100M000100Y43', '企业', '奇台']);
    expect(texts(reply)).toContain('您的审查机关：奇台县人力资源和社会保障局，电话 0994-7225613。');
  });

  it('says the remaining questions at most, from the first review item on', async () => {
    const { say } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const lines = typedConversation(campaign, answers);
    const profileEnd = Object.keys(answers).indexOf('rules_exist');
    const atItems = await runAll(say, lines.slice(0, profileEnd));
    expect(texts(atItems)).toMatch(/【审查事项 第1项（共12项）：规章制度】/);
    expect(texts(atItems)).toMatch(/最多还剩 \d+ 题/);
    const atProfile = await serviceOn(new MemoryStore({ retentionSeconds: 60 })).say('开始');
    expect(texts(atProfile)).not.toMatch(/最多还剩/);
  });

  it('is honest about saving: a store in memory is said to keep nothing after exit', async () => {
    expect(texts(await serviceOn(new MemoryStore({ retentionSeconds: 60 })).say('开始'))).toContain(t('conversation.welcomeNotKept'));
    const redis = serviceOn(await redisStore('welcome:'));
    expect(texts(await redis.say('开始'))).toContain(t('conversation.welcome'));
  });

  it('says when the window has closed, and who to call', async () => {
    const service = new ConversationService({ campaigns: [campaign], store: new MemoryStore({ retentionSeconds: 60 }), clock: () => AFTER_WINDOW });
    const hello = texts(await service.handle(KEY, { type: 'user.start' }));
    expect(hello).toContain('已于 2025-04-30 截止（已过 33 天）');
    expect(hello).toContain('0994-2206072');
    const inWindow = texts(await serviceOn(new MemoryStore({ retentionSeconds: 60 })).say('开始'));
    expect(inWindow).toContain('距截止还有 51 天');
    expect(inWindow).toContain(campaign.review!.platform.url);
  });
});

describe('choosing among campaigns', () => {
  const other = { ...campaign, id: 'changji-2025-pilot', title: '试点年审（测试）' };
  const both = [campaign, other];

  it('lists the campaigns when there is more than one, and takes a number', async () => {
    const service = new ConversationService({ campaigns: both, store: new MemoryStore({ retentionSeconds: 60 }), clock });
    const hello = await service.handle(KEY, { type: 'user.start' });
    expect(hello.snapshot?.value).toBe('choosingCampaign');
    expect(hello.replies.at(-1)).toMatchObject({ kind: 'prompt', options: [{ id: '1', label: campaign.title }, { id: '2', label: other.title }] });
    expect(texts(await service.handle(KEY, answer('9')))).toContain(t('conversation.chooseCampaignAgain'));
    const chosen = await service.handle(KEY, answer('2'));
    expect(chosen.snapshot?.context.campaignId).toBe(other.id);
    expect(texts(chosen)).toContain('【试点年审（测试）】');
  });

  it('takes the campaign from a /start deep link', async () => {
    const service = new ConversationService({ campaigns: both, store: new MemoryStore({ retentionSeconds: 60 }), clock });
    const started = await service.handle(KEY, eventForText('/start changji-2025-pilot') as ConversationEvent);
    expect(started.snapshot?.context.campaignId).toBe(other.id);
    expect(started.snapshot?.value).toBe('asking');
  });
});

describe('persistence', () => {
  it('applies a Telegram update delivered twice once, and answers the second with where the unit stands', async () => {
    const { service } = serviceOn(new MemoryStore({ retentionSeconds: 60 }));
    await service.handle(KEY, { type: 'user.start' }, { updateId: 'u1' });
    const first = await service.handle(KEY, answer('某某公司'), { updateId: 'u2' });
    const again = await service.handle(KEY, answer('某某公司二'), { updateId: 'u2' });
    expect(first.outcome).toBe('ok');
    expect(again.outcome).toBe('duplicate');
    expect(again.snapshot?.context.answers).toEqual({ unit_name: '某某公司' });
    // Never silent: the redelivered update gets the current question again.
    expect(texts(again)).toContain('统一社会信用代码');
  });

  it('删除我的数据 with nothing stored creates nothing, and removes what is left', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const { say } = serviceOn(store);
    const reply = await say('删除我的数据');
    expect(reply.outcome).toBe('forgotten');
    expect(texts(reply)).toBe(t('conversation.nothingStored'));
    expect(await store.load(KEY)).toBeUndefined();
  });

  it('reports a snapshot it cannot restore, and restarts on request', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    await store.save(KEY, 0, '{"schemaVersion":1,"state":"nowhere"}');
    const { say } = serviceOn(store);
    const reply = await say('你好');
    expect(texts(reply)).toContain('无法恢复');
    expect(texts(await say('重新开始'))).toContain('请填写单位全称');
  });

  it('forgets a unit whose snapshot cannot be read', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    await store.save(KEY, 0, 'not json');
    const { say } = serviceOn(store);
    expect((await say('删除我的数据')).outcome).toBe('forgotten');
    expect(await store.load(KEY)).toBeUndefined();
  });

  it('asks again the answers whose meaning changed in a later campaign version', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const { service, say } = serviceOn(store);
    await runAll(say, ['某某公司', '91350100M000100Y43', '企业', '奇台', '8']);
    const stored = await store.load(KEY);
    const old = JSON.parse(stored?.data ?? '{}');
    old.campaignVersion = 1;
    await store.save(KEY, stored?.version ?? 0, JSON.stringify(old));
    const reply = await service.handle(KEY, { type: 'user.status' });
    // 'staff' counted part-time workers in version 1: asked again; the rest is kept.
    expect(reply.snapshot?.context.answers).toEqual({ unit_name: '某某公司', credit_code: '91350100M000100Y43', unit_type: 'enterprise', area: 'qitai' });
    expect(texts(reply)).toContain('与本单位建立劳动关系的全日制职工有多少人');
  });

  it('keeps the answers whose questions still exist when the campaign version changed', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const { service, say } = serviceOn(store);
    await say('开始');
    await say('某某公司');
    const stored = await store.load(KEY);
    const old = JSON.parse(stored?.data ?? '{}');
    old.campaignVersion = campaign.version - 1;
    old.context.answers.retired_question = true;
    await store.save(KEY, stored?.version ?? 0, JSON.stringify(old));
    const reply = await service.handle(KEY, { type: 'user.status' });
    expect(texts(reply)).toContain('年审规则已更新');
    expect(reply.snapshot?.context.answers).toEqual({ unit_name: '某某公司' });
    // Said once: the migrated snapshot was saved.
    expect(texts(await service.handle(KEY, { type: 'user.status' }))).not.toContain('年审规则已更新');
  });

  it('tells the user to try again while Redis is down, loses nothing, and recovers', async () => {
    const own = await startRedis({ persist: true });
    const store = new RedisStore({ url: own.url, retentionSeconds: 3600, commandTimeoutMs: 500 });
    await store.connect();
    try {
      const { say } = serviceOn(store);
      await say('开始');
      await say('某某公司');
      await own.kill();
      const down = await say('91350100M000100Y43');
      expect(down.outcome).toBe('store_unavailable');
      expect(texts(down)).toBe(t('conversation.saveFailed'));
      await own.restart();
      if (store.redis.status !== 'ready') await new Promise((resolve) => store.redis.once('ready', resolve));
      const back = await say('91350100M000100Y43');
      expect(back.snapshot?.context.answers).toEqual({ unit_name: '某某公司', credit_code: '91350100M000100Y43' });
    } finally {
      await store.close();
      await own.stop();
    }
  });
});

describe('a save that timed out', () => {
  it('may still land: the next message first says what was recorded, and is not itself applied', async () => {
    const own = await startRedis();
    const store = new RedisStore({ url: own.url, retentionSeconds: 3600, commandTimeoutMs: 200 });
    await store.connect();
    const admin = new RedisStore({ url: own.url, retentionSeconds: 3600 });
    await admin.connect();
    try {
      const { say } = serviceOn(store);
      await say('开始');
      // Writes are held back longer than the client waits: the save times out, then lands anyway.
      await admin.redis.call('CLIENT', 'PAUSE', '600', 'WRITE');
      const timedOut = await say('某某公司');
      expect(timedOut.outcome).toBe('store_unavailable');
      expect(texts(timedOut)).toBe(t('conversation.saveFailed'));
      await admin.redis.call('CLIENT', 'UNPAUSE');
      // The unit, unsure, types the name again: it must not land on the credit-code question.
      const next = await say('某某公司');
      expect(texts(next)).toContain(t('conversation.lastSaved'));
      expect(texts(next)).toContain('统一社会信用代码');
      expect(next.snapshot?.context.answers).toEqual({ unit_name: '某某公司' });
      const after = await say('91350100M000100Y43');
      expect(after.snapshot?.context.answers).toEqual({ unit_name: '某某公司', credit_code: '91350100M000100Y43' });
    } finally {
      await Promise.all([store.close(), admin.close()]);
      await own.stop();
    }
  });

  it('or not: then the unit is told to answer again', async () => {
    const own = await startRedis();
    const store = new RedisStore({ url: own.url, retentionSeconds: 3600, commandTimeoutMs: 200 });
    await store.connect();
    try {
      const { say } = serviceOn(store);
      await say('开始');
      // The save times out while writes are held back, and is lost with the server: it never lands.
      const loaded = await store.load(KEY);
      const admin = new RedisStore({ url: own.url, retentionSeconds: 3600 });
      await admin.connect();
      await admin.redis.call('CLIENT', 'PAUSE', '10000', 'WRITE');
      const failed = await say('某某公司');
      expect(failed.outcome).toBe('store_unavailable');
      admin.redis.disconnect();
      await own.kill();
      await own.restart();
      if (store.redis.status !== 'ready') await new Promise((resolve) => store.redis.once('ready', resolve));
      await store.save(KEY, 0, loaded?.data ?? '');
      const next = await say('某某公司');
      expect(texts(next)).toContain(t('conversation.lastNotSaved'));
      expect(next.snapshot?.context.answers).toEqual({});
    } finally {
      await store.close();
      await own.stop();
    }
  });
});

describe('two processes on one session', () => {
  it('lets one of two answers to the same question win and tells the other', async () => {
    const a = serviceOn(await redisStore('race1:'));
    const b = serviceOn(await redisStore('race1:'));
    await a.say('开始');
    const [ra, rb] = await Promise.all([a.service.handle(KEY, answer('甲公司', 'unit_name')), b.service.handle(KEY, answer('乙公司', 'unit_name'))]);
    const winners = [ra, rb].filter((r) => r.snapshot?.context.answers.unit_name && !texts(r).includes(t('conversation.stale')));
    expect(winners).toHaveLength(1);
    expect(texts(winners[0] === ra ? rb : ra)).toContain(t('conversation.stale'));
    const final = await a.service.current(KEY);
    expect(final?.context.rev).toBe(1);
  });

  it('loses no answer when both write a burst of answers at once', async () => {
    const a = serviceOn(await redisStore('race2:'));
    const b = serviceOn(await redisStore('race2:'));
    const answers = completeAnswers(campaign, PROFILES.enterpriseA);
    const lines = typedConversation(campaign, answers);
    const firstMaterial = Object.keys(answers).findIndex((id) => id.startsWith('has_'));
    const materials = Object.keys(answers).filter((id) => id.startsWith('has_'));
    await a.say('开始');
    for (const line of lines.slice(0, firstMaterial)) await a.say(line);
    const before = await a.service.current(KEY);
    // Every material question is yes/no: "是" from both processes at once must land once per question.
    const results = await Promise.all(materials.map((_, i) => (i % 2 ? a : b).service.handle(KEY, answer('是'))));
    expect(results.map((r) => r.outcome)).toEqual(materials.map(() => 'ok'));
    const final = await a.service.current(KEY);
    expect(materials.every((id) => final?.context.answers[id] === true)).toBe(true);
    expect(final?.context.rev).toBe((before?.context.rev ?? 0) + materials.length);
  });
});

describe('the mechanics of a turn', () => {
  /** A store where another process always writes between this one's load and save: every save conflicts. */
  class AlwaysOvertaken extends MemoryStore {
    saves = 0;
    override async load(key: string) {
      const loaded = await super.load(key);
      if (loaded) await super.save(key, loaded.version, loaded.data, {});
      return loaded;
    }
    override async save(...args: Parameters<MemoryStore['save']>) {
      this.saves++;
      return super.save(...args);
    }
  }

  it('gives up after its attempts when another writer always wins, saying it is busy and keeping nothing of its own', async () => {
    const store = new AlwaysOvertaken({ retentionSeconds: 60 });
    const service = new ConversationService({ campaigns: [campaign], store, clock, maxAttempts: 3 });
    await service.handle(KEY, { type: 'user.start' });
    store.saves = 0;
    const result = await service.handle(KEY, answer('某某公司'));
    expect(result).toEqual({ replies: [{ kind: 'text', text: t('conversation.busy') }], snapshot: undefined, outcome: 'conflict' });
    expect(store.saves).toBe(3);
    expect((await service.current(KEY))?.context.answers).toEqual({});
  });

  it('a roster invitation starts with the unit filled in; an unknown token is a plain start; other starts are not looked up', async () => {
    const asked: string[] = [];
    const service = new ConversationService({
      campaigns: [campaign], store: new MemoryStore({ retentionSeconds: 60 }), clock,
      invitation: async (token) => (asked.push(token), token === 'good1234' ? { campaignId: campaign.id, name: '名单甲有限公司', creditCode: '91350100M000100Y43', area: 'fukang' } : undefined),
    });
    const invited = await service.handle('tg:1', { type: 'user.start', campaignId: 'r_good1234' });
    expect(invited.snapshot?.context.answers).toMatchObject({ unit_name: '名单甲有限公司', credit_code: '91350100M000100Y43', area: 'fukang' });
    const unknown = await service.handle('tg:2', { type: 'user.start', campaignId: 'r_nobody99' });
    expect(unknown.outcome).toBe('ok');
    expect(unknown.snapshot?.context.answers).toEqual({});
    await service.handle('tg:3', { type: 'user.start', campaignId: campaign.id });
    await service.handle('tg:4', { type: 'user.start' });
    expect(asked).toEqual(['good1234', 'nobody99']);
  });

  it('tells the roster when a unit gives its credit code, and when it changes it; never for other answers; a failure there costs nothing', async () => {
    const told: string[] = [];
    let fail = false;
    const service = new ConversationService({
      campaigns: [campaign], store: new MemoryStore({ retentionSeconds: 60 }), clock,
      unitIdentified: async (campaignId, code) => {
        told.push(`${campaignId} ${code}`);
        if (fail) throw new Error('roster down');
      },
    });
    await service.handle(KEY, { type: 'user.start' });
    await service.handle(KEY, answer('某某公司'));
    expect(told).toEqual([]);
    await service.handle(KEY, answer('91350100M000100Y43'));
    expect(told).toEqual([`${campaign.id} 91350100M000100Y43`]);
    await service.handle(KEY, answer('阜康市'));
    expect(told).toHaveLength(1);
    fail = true;
    await service.handle(KEY, { type: 'user.edit', questionId: 'credit_code' });
    const changed = await service.handle(KEY, answer(creditCode(601)));
    expect(changed.outcome).not.toBe('store_unavailable');
    expect(changed.snapshot?.context.answers).toMatchObject({ credit_code: creditCode(601) });
    expect(told).toEqual([`${campaign.id} 91350100M000100Y43`, `${campaign.id} ${creditCode(601)}`]);
  });

  it('binds a typed message to the prompt the unit saw: older than it is refused, newer answers it', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    const started = await service.handle(KEY, { type: 'user.start' }, { updateId: 'u1', messageId: 10 });
    await service.notePrompt(KEY, { messageId: 12, questionId: 'unit_name', rev: started.snapshot?.context.rev ?? 0 });
    const early = await service.handle(KEY, answer('打早了'), { updateId: 'u2', messageId: 11 });
    expect(early.outcome).toBe('stale');
    expect(texts(early)).toContain(t('conversation.typedStale'));
    expect(early.revBefore).toBe(started.snapshot?.context.rev);
    expect((await service.current(KEY))?.context.answers).toEqual({});
    const onTime = await service.handle(KEY, answer('某某公司'), { updateId: 'u3', messageId: 13 });
    expect(onTime.outcome).toBe('ok');
    expect(onTime.snapshot?.context.answers).toEqual({ unit_name: '某某公司' });
  });

  it('without a record of the prompt, a message right after the one last applied was typed ahead and is refused', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    await service.handle(KEY, { type: 'user.start' }, { updateId: 'u1', messageId: 20 });
    await service.handle(KEY, answer('某某公司'), { updateId: 'u2', messageId: 22 });
    const ahead = await service.handle(KEY, answer('91350100M000100Y43'), { updateId: 'u3', messageId: 23 });
    expect(ahead.outcome).toBe('stale');
    const later = await service.handle(KEY, answer('91350100M000100Y43'), { updateId: 'u4', messageId: 25 });
    expect(later.outcome).toBe('ok');
    expect(later.snapshot?.context.answers).toMatchObject({ credit_code: '91350100M000100Y43' });
  });

  it('waits, bounded, for the turn that made a keyboard it has not seen yet; then applies the press, or calls it stale', async () => {
    const store = new MemoryStore({ retentionSeconds: 60 });
    const a = new ConversationService({ campaigns: [campaign], store, clock, futureWaitMs: 2000 });
    const b = new ConversationService({ campaigns: [campaign], store, clock });
    const started = await a.handle(KEY, { type: 'user.start' });
    const rev = started.snapshot?.context.rev ?? 0;
    // The press comes from the keyboard of the next revision, which process b is about to save.
    const press = a.handle(KEY, { type: 'user.answer', input: '91350100M000100Y43', questionId: 'credit_code', rev: rev + 1 });
    await b.handle(KEY, answer('某某公司', 'unit_name', rev));
    const pressed = await press;
    expect(pressed.outcome).toBe('ok');
    expect(pressed.snapshot?.context.answers).toEqual({ unit_name: '某某公司', credit_code: '91350100M000100Y43' });

    const impatient = new ConversationService({ campaigns: [campaign], store, clock, futureWaitMs: 20 });
    const now = (await impatient.current(KEY))?.context.rev ?? 0;
    const never = await impatient.handle(KEY, { type: 'user.answer', input: '阜康市', questionId: 'area', rev: now + 5 });
    expect(never.outcome).toBe('stale');
    expect((await impatient.current(KEY))?.context.rev).toBe(now);
  });
});
