/** A campaign of nothing but yes/no questions validates and can be walked end to end: chat, summary, index, documents. */
import { describe, expect, it } from 'vitest';
import { ConversationService, type HandleResult } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { Campaign } from '../../src/core/campaign.ts';
import { summaryDocument } from '../../src/core/document.ts';
import { evaluate } from '../../src/core/evaluate.ts';
import { contactText } from '../../src/core/summary-text.ts';
import { t } from '../../src/core/text.ts';
import { checklistCampaign, numberedQuestions } from '../support/checklist-campaign.ts';

const clock = () => new Date('2025-03-10T09:00:00+08:00');

describe('a campaign of only yes/no questions', () => {
  const campaign = checklistCampaign(numberedQuestions(5));

  it('validates without an area question, bureaus, rating rules or verdicts', () => {
    expect(campaign.areas).toEqual([]);
    expect(campaign.bureaus).toEqual([]);
    expect(campaign.rating).toBeUndefined();
    expect(campaign.review).toBeUndefined();
    expect(campaign.unitFields).toEqual({});
  });

  it('still refuses an area question without areas, and consequences without rating rules', () => {
    const base = { id: 'x', version: 1, title: 'x', shortTitle: 'x', document: { number: '1', issuer: 'x', issued: '2025-01-01', source: { doc: 'x' } }, region: 'x' };
    const area = { id: 'area', phase: 'identity', kind: 'area', text: '地区？', source: { doc: 'x' } };
    expect(Campaign.safeParse({ ...base, questions: [area] }).success).toBe(false);
    const yes = { id: 'q1', phase: 'items', kind: 'yesno', text: '是否？', source: { doc: 'x' } };
    expect(Campaign.safeParse({ ...base, questions: [yes], consequences: [{ grade: 'A', text: 'x', source: { doc: 'x' } }] }).success).toBe(false);
  });

  it('is walked end to end by buttons: every answer kept, a summary without grade or outcome, the index entry, a PDF', async () => {
    const store = new MemoryStore({ retentionSeconds: 3600 });
    const service = new ConversationService({ campaigns: [campaign], store, clock });
    let last: HandleResult = await service.handle('tg:1', { type: 'user.start' }, { updateId: '1' });
    const pattern = ['yes', 'no', 'yes', 'unknown', 'yes'];
    for (const [i, option] of pattern.entries()) {
      const prompt = last.replies.find((r) => r.kind === 'prompt');
      expect(prompt?.kind === 'prompt' && prompt.questionId).toBe(`q${i + 1}`);
      expect(prompt?.kind === 'prompt' && prompt.options.map((o) => o.id)).toEqual(['yes', 'no', 'unknown']);
      last = await service.handle('tg:1', { type: 'user.answer', input: option, questionId: `q${i + 1}`, rev: i }, { updateId: String(i + 2) });
      expect(last.outcome).toBe('ok');
    }
    expect(last.snapshot?.value).toBe('finished');
    expect(last.snapshot?.context.answers).toEqual({ q1: true, q2: false, q3: true, q4: 'unknown', q5: true });
    const summary = last.replies.find((r) => r.kind === 'summary')?.text ?? '';
    expect(summary).not.toContain('undefined');
    const e = evaluate(campaign, last.snapshot?.context.answers ?? {}, clock());
    expect([e.grade, e.verdict, e.deadline, e.unit.bureau]).toEqual([undefined, undefined, undefined, undefined]);
    expect(contactText(campaign, e)).toBe(t('contact.none'));
    // A redelivered update is applied once.
    expect((await service.handle('tg:1', { type: 'user.answer', input: 'no', questionId: 'q5', rev: 4 }, { updateId: '6' })).outcome).toBe('duplicate');
    const [entry] = await store.units(campaign.id, ['tg:1']);
    expect(entry).toMatchObject({ status: 'finished', area: null, unitName: null, answered: 5, verdict: null, grade: null });
    const doc = summaryDocument(campaign, last.snapshot?.context.answers ?? {}, clock());
    expect(JSON.stringify(doc)).not.toContain('undefined');
    const documents = new DocumentService(service, [campaign], clock, async (d) => Buffer.from(JSON.stringify(d.title)));
    expect(await documents.kindsFor('tg:1')).toEqual(['summary']);
    expect((await documents.pdf('tg:1', 'summary')).ok).toBe(true);
  });
});
