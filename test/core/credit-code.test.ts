/** 统一社会信用代码 (GB 32100-2015): what is wrong with a code, said precisely enough to fix it. */
import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar } from '../../src/core/credit-code.ts';

describe('checkCreditCode', () => {
  it('takes a code with full-width characters, dashes or blanks, and returns it plain', () => {
    expect(checkCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkCreditCode('9135-0100-M000-100Y-43')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('names the first character outside the alphabet and where it is, counted from 1', () => {
    // I, O, S, V and Z are never used: they look like 1, 0, 5, U and 2.
    expect(checkCreditCode('I1350100M000100Y43')).toEqual({ ok: false, error: 'chars', position: 1, char: 'I' });
    expect(checkCreditCode('91350100M000100YO3')).toEqual({ ok: false, error: 'chars', position: 17, char: 'O' });
  });

  it('a mistyped last character fails the check, which says what it should be', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, error: 'check', expected: '3' });
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('names the length when characters are missing', () => {
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ ok: false, error: 'length', length: 17 });
  });
});
