/** The units the document tests print for, built on the shared test profiles and the Changji 2024 campaign. */
import { findCampaign } from '../../flows/index.ts';
import type { Campaign, Material } from '../../src/core/campaign.ts';
import type { Answers } from '../../src/core/conditions.ts';
import { materialQuestionId } from '../../src/core/engine.ts';
import { completeAnswers } from '../support/profiles.ts';

export const campaign = findCampaign('changji-2024') as Campaign;

/** Inside the review window (2025-03-20 14:00 in Changji): 41 days left. */
export const NOW = new Date('2025-03-20T06:00:00Z');
export const SUPERVISION_PHONE = '0994-2206072';

/** Materials by the seed's own name (ids are the campaign author's; names are the notice's). Several may share one. */
export function materialsNamed(name: string): Material[] {
  const found = campaign.materials.filter((x) => x.name === name);
  if (found.length === 0) throw new Error(`no material named ${name}`);
  return found;
}
const lacks = (...names: string[]): Answers =>
  Object.fromEntries(names.flatMap(materialsNamed).map((m) => [materialQuestionId(m.id), false]));

export const LICENCE = '用人单位营业执照副本';
export const CONTRACTS = '用人单位与劳动者依法订立的劳动合同文本';
export const ORG_CODE = '单位组织机构代码证';

/**
 * 25 staff and 5 dispatched workers (over 10% of 30: a violation), sanctioned once in 2024 (grade B),
 * without its business licence and the three sample contracts of each type.
 */
export const enterprise = completeAnswers(campaign, {
  unit_name: '昌吉市天山建材有限公司',
  unit_type: 'enterprise',
  area: 'changji_city',
  staff: 25,
  part_time_staff: 0,
  retirees: 0,
  uses_dispatch: true,
  dispatched: 5,
  sanctions_2024: 1,
  address: '昌吉市北京南路88号',
  legal_rep: '张建国',
  contact_person: '李红',
  contact_phone: '0994-2345678',
  ...lacks(LICENCE, CONTRACTS),
});

/** A compliant small enterprise (A on the record) that reported 3 unsigned contracts and is unsure of one answer. */
export const unsure = completeAnswers(campaign, {
  unit_name: '阜康市小河餐饮有限公司',
  unit_type: 'enterprise',
  area: 'fukang',
  staff: 6,
  part_time_staff: 0,
  retirees: 0,
  uses_dispatch: false,
  contracts_signed: 3,
  wages_on_time: 'unknown',
  address: null,
  legal_rep: null,
  contact_person: null,
  contact_phone: null,
});

/** A compliant enterprise with nothing missing except two materials: the outcome is a to-do, not a failure. */
export const pending = completeAnswers(campaign, {
  unit_name: '奇台县某某商贸有限公司',
  unit_type: 'enterprise',
  area: 'qitai',
  staff: 8,
  part_time_staff: 0,
  retirees: 0,
  uses_dispatch: false,
  ...lacks(LICENCE, CONTRACTS),
});

/** A prefecture-level organ with nobody in labour relations, still missing its organisation code certificate. */
export const organ = completeAnswers(campaign, {
  unit_name: '昌吉州某某局',
  unit_type: 'organ',
  area: 'prefecture_level',
  staff: 0,
  part_time_staff: 0,
  retirees: 0,
  uses_dispatch: false,
  ...lacks(ORG_CODE),
});
