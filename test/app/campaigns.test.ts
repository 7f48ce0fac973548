/**
 * Two campaigns in one deployment, through the conversation service and a real store: the first question
 * when several are offered, a deep link, switching back and forth without losing either campaign's
 * answers, a version-2 snapshot (one campaign, no forms) restored, and the Wenshui objection form filled in
 * the chat with its dates and its PDF (read back with pdftotext).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, findCampaign } from '../../flows/index.ts';
import { ConversationService, type HandleResult } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { eventForText } from '../../src/core/commands.ts';
import type { ConversationEvent } from '../../src/core/conversation.ts';
import { t } from '../../src/core/text.ts';
import { StaffDirectory } from '../../src/app/staff-directory.ts';
import { StaffService } from '../../src/app/staff-service.ts';
import { MemoryAuditLog, MemoryRosterStore } from '../../src/adapters/store/staff-stores.ts';
import { flat, pdfText, scratch } from '../pdf/poppler.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';

const changji = findCampaign('changji-2024') as Campaign;
const wenshui = findCampaign('wenshui-2022') as Campaign;
const NOW = new Date('2025-04-28T02:00:00Z');
const clock = () => NOW;

const texts = (r: HandleResult) => r.replies.map((x) => x.text).join('\n---\n');

function both() {
  const store = new MemoryStore({ retentionSeconds: 3600, now: () => NOW.getTime() });
  const service = new ConversationService({ campaigns, store, clock });
  const documents = new DocumentService(service, campaigns, clock, renderPdf);
  const say = (key: string, text: string) => {
    const event = eventForText(text);
    if (typeof event === 'string') throw new Error(`channel command ${event}`);
    return service.handle(key, event);
  };
  const state = async (key: string) => (await service.current(key))?.context;
  return { store, service, documents, say, state };
}

const wenshuiShop = { unit_name: '文水县某某食品有限公司', credit_code: '91652300MA0000001Y', unit_type: 'enterprise', area: 'wenshui', legal_rep: '张三', staff: 12, sanctions: 3 };
const wenshuiLines = typedConversation(wenshui, completeAnswers(wenshui, wenshuiShop, NOW), NOW);

let files: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  files = await scratch();
});
afterAll(() => files.cleanup());

describe('several campaigns in one deployment', () => {
  it('asks which one first, and a deep link skips the question', async () => {
    const { say, service } = both();
    const first = await say('tg:1', '开始');
    expect(texts(first)).toContain(t('conversation.chooseCampaign'));
    expect(first.replies.at(-1)).toMatchObject({ kind: 'prompt', options: [{ label: changji.title }, { label: wenshui.title }] });
    const linked = await service.handle('tg:2', { type: 'user.start', campaignId: 'wenshui-2022' });
    expect(texts(linked)).toContain(wenshui.title);
    expect(texts(linked)).toContain('现已过期');
    expect(texts(linked)).not.toContain(t('conversation.chooseCampaign'));
  });

  it('lets one unit switch back and forth and keeps both campaigns\' answers', async () => {
    const { say, state, service } = both();
    await say('tg:3', '开始');
    await say('tg:3', '2');
    for (const line of wenshuiLines.slice(0, 6)) await say('tg:3', line);
    const wenshuiAnswers = (await state('tg:3'))?.answers;
    expect(Object.keys(wenshuiAnswers ?? {})).toHaveLength(6);

    // 切换 to Changji: the list says Wenshui is started; Changji starts from its first question.
    const list = await say('tg:3', '切换');
    expect(list.replies.at(-1)).toMatchObject({ kind: 'prompt', options: [{ label: changji.title }, { label: `${wenshui.title}${t('conversation.campaignStarted')}` }] });
    const changjiStart = await say('tg:3', '1');
    expect(texts(changjiStart)).toContain(changji.title);
    const changjiLines = typedConversation(changji, completeAnswers(changji, PROFILES.enterpriseA, NOW), NOW);
    for (const line of changjiLines.slice(0, 4)) await say('tg:3', line);
    expect((await state('tg:3'))?.parked['wenshui-2022']?.answers).toEqual(wenshuiAnswers);

    // A link back to Wenshui: where it stopped, and Changji's four answers parked.
    const back = await service.handle('tg:3', { type: 'user.start', campaignId: 'wenshui-2022' });
    expect((await state('tg:3'))?.answers).toEqual(wenshuiAnswers);
    expect(Object.keys((await state('tg:3'))?.parked['changji-2024']?.answers ?? {})).toHaveLength(4);
    expect(texts(back)).toContain(wenshui.title);
    for (const line of wenshuiLines.slice(6)) await say('tg:3', line);
    const summary = await say('tg:3', '进度');
    expect(summary.replies.at(-1)?.kind).toBe('summary');
    expect(texts(summary)).toContain('C 级');

    // And Changji again, by the list: its answers are all there.
    await say('tg:3', '切换');
    await say('tg:3', '1');
    expect(Object.keys((await state('tg:3'))?.answers ?? {})).toHaveLength(4);
  });

  it('says so when there is nothing to switch to', async () => {
    const store = new MemoryStore({ retentionSeconds: 3600 });
    const single = new ConversationService({ campaigns: [changji], store, clock });
    await single.handle('tg:4', { type: 'user.start' });
    const result = await single.handle('tg:4', { type: 'user.switch' });
    expect(texts(result)).toContain(t('conversation.onlyOneCampaign'));
  });

  it('restores a version-2 snapshot (one campaign, no forms) as it was', async () => {
    const { store, say, state } = both();
    const v2 = {
      schemaVersion: 2,
      campaignId: 'changji-2024',
      campaignVersion: changji.version,
      rev: 3,
      state: 'asking',
      context: { campaignId: 'changji-2024', answers: { unit_name: '某某公司' }, rev: 3, editing: null, editOrigin: null, pending: null },
    };
    await store.save('tg:5', 0, JSON.stringify(v2));
    const next = await say('tg:5', '进度');
    expect(next.replies.at(-1)?.text).toContain('统一社会信用代码');
    expect(await state('tg:5')).toMatchObject({ answers: { unit_name: '某某公司' }, form: null, forms: {}, parked: {} });
  });
});

describe('a form in the chat: a Wenshui objection', () => {
  it('asks its questions, gives the dates across the May Day holiday, and makes its PDF', async () => {
    const { say, service, documents, state } = both();
    await service.handle('tg:6', { type: 'user.start', campaignId: 'wenshui-2022' });
    for (const line of wenshuiLines) await say('tg:6', line);
    const intro = await say('tg:6', '异议');
    expect(texts(intro)).toContain('劳动保障信用信息异议申请');
    expect(texts(intro)).toContain('第十五条');
    // 返回 on the first question leaves the form, keeping the checklist as it was.
    await say('tg:6', '信息有错误');
    await say('tg:6', '返回');
    const again = await say('tg:6', '返回');
    expect(texts(again)).toContain(t('form.left'));
    await say('tg:6', '异议');
    for (const line of ['1', '2024年11月的处罚记录', '跳过']) await say('tg:6', line);
    const badDate = await say('tg:6', '4月31日');
    expect(texts(badDate)).toContain(t('answer.notADate'));
    await say('tg:6', '2025年4月29日');
    const result = await say('tg:6', '否');
    expect(texts(result)).toContain('人社部门处理并告知结果：2025-05-07');
    expect(texts(result)).toContain('核实后的记录推送至市信用信息共享平台：2025-05-14');
    expect((await state('tg:6'))?.forms.objection).toMatchObject({ ground: 'error', received_on: '2025-04-29', other_departments: false, detail: null });

    expect(await documents.kindsFor('tg:6')).toEqual(['summary', 'form_objection']);
    const pdf = await documents.pdf('tg:6', 'form_objection');
    if (!pdf.ok) throw new Error('no objection PDF');
    const text = flat(await pdfText(await files.write('objection.pdf', pdf.file.bytes)));
    for (const words of ['劳动保障信用信息异议申请', '文水县某某食品有限公司', '2025-05-07', '2025-05-14', '第十六条', '文件有效期提示', '单位（盖章）']) expect(text).toContain(flat(words));

    const summary = await documents.pdf('tg:6', 'summary');
    if (!summary.ok) throw new Error('no summary PDF');
    const summaryText = flat(await pdfText(await files.write('summary.pdf', summary.file.bytes)));
    for (const words of ['劳动保障信用等级自查报告', '文件有效期提示', 'C级单位将被公示的信息（预览）', '第十三条']) expect(summaryText).toContain(flat(words));
    expect(summaryText).not.toContain(flat('书面审查预判'));
  });

  it('is not offered by a campaign without forms', async () => {
    const { say, service } = both();
    await service.handle('tg:7', { type: 'user.start', campaignId: 'changji-2024' });
    const result = await say('tg:7', '异议');
    // In Changji 异议 is no command: it is taken as the unit's name.
    expect(texts(result)).toContain('统一社会信用代码');
  });

  it('turns a stale form button into the current question', async () => {
    const { service } = both();
    await service.handle('tg:8', { type: 'user.start', campaignId: 'wenshui-2022' });
    await service.handle('tg:8', { type: 'user.form', formId: 'objection' } as ConversationEvent);
    const stale = await service.handle('tg:8', { type: 'user.answer', input: 'yes', questionId: 'other_departments', rev: 1 });
    expect(texts(stale)).toContain(t('conversation.stale'));
  });
});

describe('a Wenshui clerk\'s view', () => {
  it('sees Wenshui figures without written-review outcomes, and the unit\'s Wenshui PDF even after it switched', async () => {
    const { store, service, documents, say } = both();
    const directory = new StaffDirectory(
      [
        { name: '文水县人社局 赵', telegramIds: [1], areas: ['wenshui'] },
        { name: '阜康市人社局 王', telegramIds: [2], areas: ['fukang'] },
      ],
      campaigns,
    );
    const staff = new StaffService({ directory, campaigns, store, roster: new MemoryRosterStore(), audit: new MemoryAuditLog(), documents, clock });
    await service.handle('tg:9', { type: 'user.start', campaignId: 'wenshui-2022' });
    for (const line of wenshuiLines) await say('tg:9', line);
    const scope = staff.scope(1);
    expect(scope?.campaign.id).toBe('wenshui-2022');
    const stats = await staff.stats(scope!);
    expect(stats).toMatchObject({ finished: 1, grades: { A: 0, B: 0, C: 1 }, verdicts: { pass: 0, fail: 0, pending: 0 } });
    expect((await staff.units(scope!, {}, 0)).rows.map((r) => [r.key, r.grade, r.verdict])).toEqual([['tg:9', 'C', null]]);

    // The unit goes on to Changji in 阜康: the Wenshui clerk still gets its Wenshui report, the 阜康 clerk nothing of it.
    await say('tg:9', '切换');
    await say('tg:9', '1');
    const pdf = await staff.unitPdf(scope!, 'tg:9');
    if (pdf === 'forbidden' || !pdf.ok) throw new Error('no PDF for the Wenshui clerk');
    expect(pdf.file.fileName).toMatch(/^劳动保障信用等级自查报告/);
    expect(await staff.unitPdf(staff.scope(2)!, 'tg:9')).toBe('forbidden');
  });
});
