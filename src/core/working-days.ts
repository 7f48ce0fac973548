/**
 * Chinese working days (weekends and statutory holidays off, make-up working days on), from the
 * `chinese-days` package's data. For a year the data does not cover, Monday to Friday are counted and the
 * result says that holidays were not accounted for.
 */
import chineseDays from 'chinese-days';

const DAY = 86_400_000;
const covered = new Map<number, boolean>();

/** Whether the package has the State Council's holiday arrangement for this year (every year has 元旦). */
export function holidaysKnown(year: number): boolean {
  let known = covered.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    covered.set(year, known);
  }
  return known;
}

const weekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
};

/** Whether a `YYYY-MM-DD` date is a working day (Monday to Friday when its year is not covered). */
export function isWorkingDay(date: string): boolean {
  return holidaysKnown(Number(date.slice(0, 4))) ? chineseDays.isWorkday(date) : weekday(date);
}

export type WorkingDaysResult = {
  date: string;
  /** False when some day counted lies in a year without holiday data: Monday to Friday were counted. */
  holidaysKnown: boolean;
};

/** The `n`th working day after `from` (the count starts the day after, as 第十六条 "自收到之日起" is read). */
export function addWorkingDays(from: string, n: number): WorkingDaysResult {
  let t = Date.parse(`${from}T00:00:00Z`);
  let known = true;
  for (let left = n; left > 0; ) {
    t += DAY;
    const date = new Date(t).toISOString().slice(0, 10);
    if (!holidaysKnown(Number(date.slice(0, 4)))) known = false;
    if (isWorkingDay(date)) left--;
  }
  return { date: new Date(t).toISOString().slice(0, 10), holidaysKnown: known };
}

/** The same day `n` calendar months later (the last day of the month when it has no such day). */
export function addMonths(from: string, n: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
