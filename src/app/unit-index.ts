/**
 * What the staff index records of a unit at each save: who it is, where it stands, and the counters its
 * figures are summed from. Pure: a function of the campaign, the conversation and the clock.
 */
import type { Campaign } from '../core/campaign.ts';
import { assess } from '../core/engine.ts';
import { evaluate } from '../core/evaluate.ts';
import type { UnitIndexEntry } from '../core/store.ts';
import type { ConversationContext } from '../core/conversation.ts';

/** Counter fields: `<kind>:<area>:<value>`; `-` stands for an area not given yet. */
export const counter = {
  status: (area: string, status: string) => `s:${area}:${status}`,
  stop: (area: string, questionId: string) => `q:${area}:${questionId}`,
  verdict: (area: string, outcome: string) => `v:${area}:${outcome}`,
  grade: (area: string, grade: string) => `g:${area}:${grade}`,
  missing: (area: string, materialId: string) => `m:${area}:${materialId}`,
} as const;

/** Parses a counter field back into its parts. */
export function parseCounter(field: string): { kind: string; area: string; value: string } | undefined {
  const [kind, area, ...rest] = field.split(':');
  return kind && area && rest.length ? { kind, area, value: rest.join(':') } : undefined;
}

export function unitIndexEntry(key: string, campaign: Campaign, context: ConversationContext, now: Date): UnitIndexEntry {
  const position = assess(campaign, context.answers, now);
  const f = campaign.unitFields;
  const text = (id: string | undefined) => {
    const v = id === undefined ? undefined : position.relevant[id];
    return typeof v === 'string' ? v : null;
  };
  const area = text(f.area);
  const areaId = area ?? '-';
  const status = position.excludedBy ? 'out_of_scope' : !position.next ? 'finished' : 'started';
  const entry: UnitIndexEntry = {
    key,
    campaignId: campaign.id,
    area,
    unitName: text(f.name),
    creditCode: text(f.creditCode),
    unitType: text(f.unitType),
    status,
    updatedAt: now.getTime(),
    answered: position.answered,
    remaining: position.remaining,
    stop: status === 'started' ? position.next?.id ?? null : null,
    verdict: null,
    grade: null,
    missing: [],
    remindersPaused: context.remindersPaused ?? false,
  };
  const counters = [counter.status(areaId, status)];
  if (entry.stop) counters.push(counter.stop(areaId, entry.stop));
  if (status === 'finished') {
    // Only a finished unit's outcome is worth counting: evaluated once, when it finishes or changes an answer.
    const e = evaluate(campaign, context.answers, now);
    entry.verdict = e.verdict?.outcome ?? null;
    entry.grade = e.grade?.grade ?? null;
    entry.missing = [...e.missing.upload, ...e.missing.bring].map((m) => m.id);
    if (e.verdict) counters.push(counter.verdict(areaId, e.verdict.outcome));
    if (entry.grade) counters.push(counter.grade(areaId, entry.grade));
    for (const id of entry.missing) counters.push(counter.missing(areaId, id));
  }
  entry.counters = counters;
  return entry;
}
