/**
 * A campaign of nothing but yes/no questions: no area question, bureaus, rating rules or verdicts. What a
 * plain checklist looks like in the campaign format; the peer bench (bench/peer/) and its tests use it.
 */
import { Campaign, type CampaignInput } from '../../src/core/campaign.ts';

export type ChecklistQuestion = { id: string; text: string };

const SOURCE = { doc: '自查清单' };

/** `questions` in order, each a yes/no question of the review items. Ids are made lower_snake_case. */
export function checklistCampaign(questions: readonly ChecklistQuestion[], id = 'checklist'): Campaign {
  const input: CampaignInput = {
    id,
    version: 1,
    title: `自查清单（${questions.length}项）`,
    shortTitle: '自查清单',
    document: { number: '—', issuer: '—', issued: '2025-01-01', source: SOURCE },
    region: '—',
    questions: questions.map((q) => ({ id: q.id.toLowerCase(), phase: 'items', kind: 'yesno', text: q.text, source: SOURCE })),
  };
  return Campaign.parse(input);
}

/** The questions q1…qN, as the peer bench asks them. */
export const numberedQuestions = (n: number): ChecklistQuestion[] =>
  Array.from({ length: n }, (_, i) => ({ id: `q${i + 1}`, text: `Is requirement ${i + 1} of the annual review met, with the documents on file, signed and dated?` }));
