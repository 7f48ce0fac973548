/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet,
 * the last one a check character over the first 17 (weights 3^i mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeResult =
  | { ok: true; code: string }
  | { ok: false; error: 'length'; length: number }
  | { ok: false; error: 'chars'; position: number; char: string }
  | { ok: false; error: 'check'; expected: string };

/** The check character for the first 17 characters (which must be valid). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Normalises (trims, removes spaces, upper-cases, folds full-width characters) and validates a code. */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = input
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .toUpperCase();
  const chars = [...code];
  if (chars.length !== 18) return { ok: false, error: 'length', length: chars.length };
  const bad = chars.findIndex((c) => !ALPHABET.includes(c));
  if (bad >= 0) return { ok: false, error: 'chars', position: bad + 1, char: chars[bad] as string };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, error: 'check', expected };
  return { ok: true, code };
}
