/**
 * Sources several campaigns cite: national laws and regulations, the national grading rule and the
 * wage-arrears blacklist. A campaign's own notice stays in its own file.
 */
import type { Source } from '../../src/core/campaign.ts';

/** A law's articles: `LABOUR_LAW('第五十条')`. */
export const law = (doc: string) => (article: string): Source => ({ doc, article });
export const LABOUR_LAW = law('《中华人民共和国劳动法》');
export const CONTRACT_LAW = law('《中华人民共和国劳动合同法》');
export const SOCIAL_INSURANCE = law('《中华人民共和国社会保险法》');
/** Wages of every worker (DOMAIN.md §6): the general rules; the migrant-worker rules only where they apply. */
export const WAGE_RULES = law('《工资支付暂行规定》（劳部发〔1994〕489号）');
export const MINIMUM_WAGE_RULES = law('《最低工资规定》');
/** The national grading rule (DOMAIN.md §2). */
export const GRADE = (article = '第七条'): Source => ({ doc: '人社部规〔2016〕1号《企业劳动保障守法诚信等级评价办法》', article });
/** DOMAIN.md §6: the listing article is to be verified. */
export const BLACKLIST: Source = { doc: '人社部令第45号《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》', article: '第五条', unverified: true };
