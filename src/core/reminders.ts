/**
 * Reminders, the pure part: on which days a scheduled reminder fires, the hours a unit may be reminded in
 * (never at night), who is reminded (from the staff index), and the personal text a unit reads. No I/O:
 * the queue adapter and its worker call these with their clock.
 */
import { commandWords, menuWords } from '../../templates/commands.ts';
import { REMINDER_HOURS, type Campaign } from './campaign.ts';
import { phoneOf } from './campaign-facts.ts';
import type { Answers } from './conditions.ts';
import { assess, findStep, localDate, questionText } from './engine.ts';
import { deadline } from './evaluate.ts';
import { whereInReview } from './present.ts';
import type { UnitIndexEntry } from './store.ts';
import { t } from './text.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The campaign's wall clock at `now`: local date, hour and minute (from `utcOffsetHours`). */
export function localClock(campaign: Campaign, now: Date): { date: string; hour: number; minute: number } {
  const shifted = new Date(now.getTime() + campaign.utcOffsetHours * HOUR);
  return { date: localDate(campaign, now), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() };
}

/** Whether a unit may be reminded now: from 08:00, before 21:00 local time. */
export function isDaytime(campaign: Campaign, now: Date): boolean {
  const { hour } = localClock(campaign, now);
  return hour >= REMINDER_HOURS.from && hour < REMINDER_HOURS.to;
}

/** The next moment a unit may be reminded: now in the daytime, else the next 08:00 local. */
export function nextDaytime(campaign: Campaign, now: Date): Date {
  if (isDaytime(campaign, now)) return now;
  const { date, hour } = localClock(campaign, now);
  const morning = Date.parse(`${date}T${String(REMINDER_HOURS.from).padStart(2, '0')}:00:00Z`) - campaign.utcOffsetHours * HOUR;
  return new Date(hour < REMINDER_HOURS.from ? morning : morning + DAY);
}

/** The scheduler's daily cron (minute hour) at the campaign's `reminders.at`, in its time zone. */
export function reminderCron(campaign: Campaign): { pattern: string; tz: string } {
  const [hh, mm] = campaign.reminders.at.split(':').map(Number);
  return { pattern: `${mm} ${hh} * * *`, tz: campaign.reminders.timeZone };
}

export type ScheduledDecision =
  | { fire: true; date: string; daysBefore: number; reminderId: string }
  | { fire: false; reason: 'night' | 'not_a_reminder_day'; date: string; daysLeft: number }
  | { fire: false; reason: 'no_deadline'; date: string };

/**
 * What the daily scheduled job does at `now`: fire when today is one of the campaign's days before the
 * deadline and it is daytime; otherwise nothing. The reminder id names the day, so a second firing on the
 * same day is the same reminder.
 */
export function scheduledDecision(campaign: Campaign, now: Date): ScheduledDecision {
  const date = localDate(campaign, now);
  const due = deadline(campaign, now);
  // A campaign without a written review has no deadline to count down to: staff remind by hand only.
  if (!due) return { fire: false, reason: 'no_deadline', date };
  const { daysLeft } = due;
  if (!campaign.reminders.daysBefore.includes(daysLeft)) return { fire: false, reason: 'not_a_reminder_day', date, daysLeft };
  if (!isDaytime(campaign, now)) return { fire: false, reason: 'night', date, daysLeft };
  return { fire: true, date, daysBefore: daysLeft, reminderId: `${date}-d${daysLeft}` };
}

/** Which units a reminder is for: the caller's areas (or one of them), optionally only those stuck N days. */
export type AudienceFilter = {
  /** The caller's areas; none for a scheduled reminder, which covers every unit (those with no area yet too). */
  areas?: readonly string[];
  area?: string;
  /** Only units whose last activity is at least this many days old. */
  stuckDays?: number;
  /** Scheduled reminders leave out units that asked for none (暂停提醒); a staff member's own do not. */
  skipPaused: boolean;
};

export type Skipped = { finished: number; paused: number; unreachable: number };
export type Audience = { recipients: UnitIndexEntry[]; paused: number; skipped: Skipped };

/**
 * Splits the index entries a filter covers into the units to remind (unfinished, reachable and, for
 * scheduled reminders, not paused) and the counts of those left out. `reachable` says whether a unit can be
 * reached at all (a channel that can send, not marked unreachable).
 */
export function selectAudience(entries: readonly UnitIndexEntry[], reachable: (key: string) => boolean, filter: AudienceFilter, now: Date): Audience {
  const cutoff = filter.stuckDays === undefined ? undefined : now.getTime() - filter.stuckDays * DAY;
  const skipped: Skipped = { finished: 0, paused: 0, unreachable: 0 };
  const recipients: UnitIndexEntry[] = [];
  let paused = 0;
  for (const e of entries) {
    if ((filter.areas && !filter.areas.includes(e.area ?? '')) || (filter.area !== undefined && e.area !== filter.area)) continue;
    if (cutoff !== undefined && e.updatedAt > cutoff) continue;
    if (e.status !== 'started') skipped.finished++;
    else if (!reachable(e.key)) skipped.unreachable++;
    else if (e.remindersPaused && filter.skipPaused) skipped.paused++;
    else {
      if (e.remindersPaused) paused++;
      recipients.push(e);
    }
  }
  return { recipients, paused, skipped };
}

/** The unit's progress as the reminder states it. */
export type ReminderUnit = Pick<UnitIndexEntry, 'unitName' | 'area' | 'answered' | 'remaining' | 'stop'>;

/** The personal reminder: the unit's name, progress, what is left and where it stopped, days left or overdue. */
export function reminderText(campaign: Campaign, unit: ReminderUnit, answers: Answers, now: Date): string {
  const answered = unit.answered ?? 0;
  const remaining = unit.remaining ?? 0;
  const step = unit.stop ? findStep(campaign, unit.stop) : undefined;
  const stop = step ? t('remind.stop', { where: whereInReview(campaign, step), question: questionText(assess(campaign, answers, now), step).split('\n')[0] ?? '' }) : '';
  const due = deadline(campaign, now);
  const area = campaign.areas.find((a) => a.id === unit.area);
  const bureau = campaign.bureaus.find((b) => b.id === area?.bureau);
  const dueText = !due
    ? t('remind.due.none')
    : due.daysLeft > 0
      ? t('remind.due.left', { date: due.date, days: due.daysLeft })
      : due.daysLeft === 0
        ? t('remind.due.today', { date: due.date })
        : bureau
          ? t('remind.due.overdue', { date: due.date, days: -due.daysLeft, bureau: bureau.name, phone: phoneOf(bureau) })
          : // No area yet, so no reviewing bureau: the supervision line takes complaints, not reviews.
            t('remind.due.overdueNoArea', { date: due.date, days: -due.daysLeft });
  return t('remind.text', {
    campaign: campaign.shortTitle,
    name: unit.unitName || t('remind.unnamed'),
    answered,
    total: answered + remaining,
    remaining,
    stop,
    due: dueText,
  });
}

/** The reminder's buttons: each sends a command word as if typed (继续 resumes, 暂停提醒 pauses). */
export function reminderButtons(): { label: string; word: string }[] {
  return [
    { label: t('remind.button.continue'), word: menuWords.continue },
    { label: t('remind.button.pause'), word: commandWords.pauseReminders[0] },
  ];
}
