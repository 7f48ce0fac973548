/** A bureau's roster file, row by row: what is imported, and every bad row named by its line. */
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import { creditCodeCheckChar } from '../../src/core/credit-code.ts';
import { MAX_ROSTER_ROWS, parseRoster } from '../../src/core/roster.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const CODE_A = '91350100M000100Y43';
const CODE_B = '914403001922038216';
/** A valid code of its own for each n (check character computed). */
const code = (n: number) => {
  const first17 = `9165230${String(n).padStart(10, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};
const HEADER = ['单位名称', '统一社会信用代码', '所在地区'];
const parse = (rows: unknown[][], covered: string[] = ['fukang', 'changji_city']) => parseRoster(campaign, rows, covered);

describe('a roster that imports', () => {
  it('reads each row by its header, whatever the column order and header words', () => {
    expect(parse([['Area', ' 信用代码 ', 'NAME'], ['阜康', CODE_A, '某某有限公司'], ['changji_city', CODE_B, '另一家（昌吉）公司']])).toEqual({
      ok: true,
      rows: [
        { name: '某某有限公司', creditCode: CODE_A, area: 'fukang' },
        { name: '另一家（昌吉）公司', creditCode: CODE_B, area: 'changji_city' },
      ],
    });
  });
  it('folds full-width codes and areas typed in Excel, keeps the name\'s own brackets, and gathers blanks', () => {
    const fullWidth = CODE_A.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(parse([HEADER, ['  某某  （阜康）\n有限公司 ', ` ${fullWidth} `, '阜康市']])).toEqual({ ok: true, rows: [{ name: '某某 （阜康） 有限公司', creditCode: CODE_A, area: 'fukang' }] });
  });
  it('takes a lower-case code and an area by its id, name or alias', () => {
    for (const area of ['fukang', '阜康市', '阜康']) expect(parse([HEADER, ['某某', CODE_A.toLowerCase(), area]])).toEqual({ ok: true, rows: [{ name: '某某', creditCode: CODE_A, area: 'fukang' }] });
  });
  it('skips blank lines, and a sheet with only its header imports nothing', () => {
    expect(parse([HEADER, ['某某', CODE_A, '阜康'], ['', ' ', null], []])).toEqual({ ok: true, rows: [{ name: '某某', creditCode: CODE_A, area: 'fukang' }] });
    expect(parse([HEADER])).toEqual({ ok: true, rows: [] });
  });
});

describe('a roster that is refused, with every reason by line', () => {
  it('names the missing columns by their first header word', () => {
    expect(parse([['单位名称', 'x'], ['某某', CODE_A]])).toEqual({ ok: false, problems: [{ line: 1, key: 'roster.missingColumns', params: { columns: '统一社会信用代码、所在地区' } }] });
    expect(parse([])).toEqual({ ok: false, problems: [{ line: 1, key: 'roster.missingColumns', params: { columns: '单位名称、统一社会信用代码、所在地区' } }] });
  });
  it('refuses a file over the row limit before reading a row, and takes one at the limit', () => {
    const rows = (n: number) => [HEADER, ...Array.from({ length: n }, () => [])];
    expect(parse(rows(MAX_ROSTER_ROWS + 1))).toEqual({ ok: false, problems: [{ line: 1, key: 'roster.tooMany', params: { max: MAX_ROSTER_ROWS } }] });
    expect(parse(rows(MAX_ROSTER_ROWS)).ok).toBe(true);
  });
  it('lists each bad row by its own line number (the header is line 1), and imports nothing', () => {
    const r = parse([
      HEADER,
      ['好的单位', CODE_A, '阜康'],
      ['', code(1), '阜康'],
      ['代码错', '91350100M000100Y44', '阜康'],
      ['地区错', code(2), '火星'],
      ['别人的', code(3), '呼图壁'],
      ['重复', CODE_A, '昌吉'],
    ]);
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: 3, key: 'roster.noName' },
        { line: 4, key: 'roster.badCode', params: { code: '91350100M000100Y44' } },
        { line: 5, key: 'roster.unknownArea', params: { area: '火星' } },
        { line: 6, key: 'roster.notYourArea', params: { area: '呼图壁' } },
        { line: 7, key: 'roster.duplicate', params: { first: 2 } },
      ],
    });
  });
  it('counts a code as seen on its first good line only, and still checks the rest of a row with no name', () => {
    const r = parse([HEADER, ['', CODE_A, '火星'], ['某某', CODE_A, '阜康'], ['又一个', CODE_A, '阜康']]);
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: 2, key: 'roster.noName' },
        { line: 2, key: 'roster.unknownArea', params: { area: '火星' } },
        { line: 3, key: 'roster.duplicate', params: { first: 2 } },
        { line: 4, key: 'roster.duplicate', params: { first: 2 } },
      ],
    });
  });
});
