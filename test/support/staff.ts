/** What the staff tests share: valid credit codes on demand, and a staff file's members for three bureaus. */
import { creditCodeCheckChar } from '../../src/core/credit-code.ts';

/** A valid unified social credit code, different for every n. */
export const creditCode = (n: number) => {
  const first17 = `91652300MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

/** The same code with a wrong check character. */
export const badCreditCode = (n: number) => {
  const good = creditCode(n);
  return good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
};

export const FUKANG_CLERK = 9001;
export const QITAI_CLERK = 9002;
export const PREFECTURE = 9003;
export const STRANGER = 4242;

export const staffMembers = [
  { name: '阜康市人社局 王', telegramIds: [FUKANG_CLERK], areas: ['fukang'] },
  { name: '奇台县人社局 李', telegramIds: [QITAI_CLERK], areas: ['qitai'] },
  { name: '州人社局 张', telegramIds: [PREFECTURE], areas: 'all' as const },
];
