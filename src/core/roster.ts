/**
 * A bureau's roster of expected units, as rows read from a CSV or XLSX file: found by their headers,
 * checked row by row (name, unified social credit code with its GB 32100 check character, an area of the
 * campaign that the importing staff member covers, no unit twice). Every bad row is reported by its line;
 * a file with any bad row imports nothing.
 */
import { rosterHeaders } from '../../templates/commands.ts';
import type { Campaign } from './campaign.ts';
import { checkCreditCode } from './credit-code.ts';
import type { TextKey, TextParams } from './text.ts';

export type RosterRow = { name: string; creditCode: string; area: string };
export type RosterProblem = { line: number; key: TextKey; params?: TextParams };
export type RosterParse = { ok: true; rows: RosterRow[] } | { ok: false; problems: RosterProblem[] };

/** The most rows a roster may have (a prefecture's units, with room to spare). */
export const MAX_ROSTER_ROWS = 50_000;

/** Codes and areas are folded (full-width letters and digits typed in Excel); names keep their own characters, such as （）. */
const clean = (v: unknown) => String(v ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
const cleanName = (v: unknown) => String(v ?? '').replace(/\s+/g, ' ').trim();

/** The area an entry names: its id, name or an alias. */
function areaOf(campaign: Campaign, text: string): string | undefined {
  const t = clean(text);
  return campaign.areas.find((a) => a.id === t || a.name === t || a.aliases.includes(t))?.id;
}

/**
 * Checks rows (the first row is the header). `covered` are the areas the importing staff member may
 * import into. Line numbers are the file's own (the header is line 1).
 */
export function parseRoster(campaign: Campaign, rows: readonly (readonly unknown[])[], covered: readonly string[]): RosterParse {
  const [header, ...body] = rows;
  const cells = (header ?? []).map((h) => clean(h).toLowerCase());
  const column = (names: readonly string[]) => cells.findIndex((c) => names.some((n) => c === n.toLowerCase()));
  const index = { name: column(rosterHeaders.name), creditCode: column(rosterHeaders.creditCode), area: column(rosterHeaders.area) };
  const missing = Object.entries(index).filter(([, i]) => i < 0).map(([k]) => rosterHeaders[k as keyof typeof rosterHeaders][0]);
  if (missing.length) return { ok: false, problems: [{ line: 1, key: 'roster.missingColumns', params: { columns: missing.join('、') } }] };
  if (body.length > MAX_ROSTER_ROWS) return { ok: false, problems: [{ line: 1, key: 'roster.tooMany', params: { max: MAX_ROSTER_ROWS } }] };

  const problems: RosterProblem[] = [];
  const seen = new Map<string, number>();
  const out: RosterRow[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const name = cleanName(row[index.name]);
    const code = clean(row[index.creditCode]);
    const areaText = clean(row[index.area]);
    if (!name && !code && !areaText) return; // a blank line at the end of a sheet
    if (!name) problems.push({ line, key: 'roster.noName' });
    const checked = checkCreditCode(code);
    if (!checked.ok) problems.push({ line, key: 'roster.badCode', params: { code } });
    const area = areaOf(campaign, areaText);
    if (!area) problems.push({ line, key: 'roster.unknownArea', params: { area: areaText } });
    else if (!covered.includes(area)) problems.push({ line, key: 'roster.notYourArea', params: { area: areaText } });
    if (checked.ok) {
      const first = seen.get(checked.code);
      if (first !== undefined) problems.push({ line, key: 'roster.duplicate', params: { first } });
      else seen.set(checked.code, line);
    }
    if (name && checked.ok && area) out.push({ name, creditCode: checked.code, area });
  });
  return problems.length ? { ok: false, problems } : { ok: true, rows: out };
}
