/**
 * What every reply and document says about a campaign whatever the channel: who the unit deals with
 * (a review's 审查机关, or the bureau that grades it), a bureau's phone (or that the source gives none),
 * and whether the document is still in force.
 */
import type { Bureau, Campaign, Source } from './campaign.ts';
import { localDate } from './engine.ts';
import { t } from './text.ts';

/** 审查机关 for a written review; the grading bureau otherwise. */
export const authorityOf = (campaign: Campaign): string => t(campaign.review ? 'term.reviewAuthority' : 'term.gradingAuthority');

/** A bureau's phone, or a plain word that the source lists none. */
export const phoneOf = (bureau: Bureau): string => bureau.phone ?? t('contact.noPhone');

export type Validity = { lapsed: boolean; from: string; until: string; source: Source };

/** The document's period of validity and whether the campaign's local date is past it (undefined: no period stated). */
export function validityOf(campaign: Campaign, now: Date): Validity | undefined {
  const v = campaign.validity;
  return v && { lapsed: localDate(campaign, now) > v.until, from: v.from, until: v.until, source: v.source };
}
