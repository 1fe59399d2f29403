/**
 * The schedule arithmetic of k8s pkg/controller/cronjob/utils.go: mostRecentScheduleTime (the
 * latest unmet time since lastScheduleTime or creation, and how many were missed),
 * nextScheduleTime and nextScheduleTimeDuration (requeue at the next time + 100 ms).
 */
import type { Schedule } from '../../core/cron/index.ts';
import type { CronJob } from './types.ts';

/** nextScheduleDelta: padding against clock skew when requeueing for the next time. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** More missed times than this give the TooManyMissedTimes warning. */
export const MANY_MISSED = 100;

export type Missed = 'none' | 'few' | 'many';

export interface MostRecent {
  earliest: Date;
  mostRecent?: Date;
  missed: Missed;
  error?: string;
}

const ms = (s: string | undefined) => (s ? Date.parse(s) : NaN);

export function mostRecentScheduleTime(
  cj: CronJob,
  now: Date,
  schedule: Schedule,
  includeStartingDeadlineSeconds: boolean,
): MostRecent {
  let earliest = ms(cj.metadata.creationTimestamp);
  const last = ms(cj.status?.lastScheduleTime ?? undefined);
  if (!Number.isNaN(last)) earliest = last;
  if (Number.isNaN(earliest)) earliest = now.getTime();
  const sds = cj.spec.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && typeof sds === 'number') {
    // The controller is not going to schedule anything before this point.
    earliest = Math.max(earliest, now.getTime() - sds * 1000);
  }
  const earliestDate = new Date(earliest);
  const t1 = schedule.next(earliestDate);
  const t2 = t1 && schedule.next(t1);
  if (t1 && now < t1) return { earliest: earliestDate, missed: 'none' };
  if (t1 && t2 && now < t2) return { earliest: earliestDate, mostRecent: t1, missed: 'none' };
  // robfig's zero time for an impossible schedule ("59 23 31 2 *") gives two equal times in Go.
  const between = t1 && t2 ? Math.round((t2.getTime() - t1.getTime()) / 1000) : 0;
  if (!t1 || !t2 || between < 1) {
    return {
      earliest: earliestDate,
      missed: 'none',
      error: 'time difference between two schedules is less than 1 second',
    };
  }
  // A rough count of the times that fit between t1 and now; then the exact latest one, found by
  // walking from two intervals before the estimate (right for @every and irregular schedules).
  const elapsed = Math.trunc((now.getTime() - t1.getTime()) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  const potentialEarliest = new Date(t1.getTime() + (missedCount - 2) * between * 1000);
  let mostRecent: Date | undefined;
  for (let t = schedule.next(potentialEarliest); t && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = missedCount > MANY_MISSED ? 'many' : missedCount > 0 ? 'few' : 'none';
  return mostRecent ? { earliest: earliestDate, mostRecent, missed } : { earliest: earliestDate, missed };
}

/** How long until the next time after the most recent one (or after now if some were missed). */
export function nextScheduleTimeDuration(cj: CronJob, now: Date, schedule: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let from: Date;
  if (r.error) from = now;
  else if (r.mostRecent) from = r.mostRecent;
  else from = r.missed === 'none' ? r.earliest : now;
  const next = schedule.next(from);
  // Go would requeue at once on its zero time; a schedule without a next time is not requeued.
  return next ? next.getTime() + NEXT_SCHEDULE_DELTA_MS - now.getTime() : undefined;
}

/** The unmet time to start a Job for now, whether too many were missed, or the schedule's error. */
export function nextScheduleTime(
  cj: CronJob,
  now: Date,
  schedule: Schedule,
): { time?: Date; tooManyMissed: boolean; error?: string } {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (!r.mostRecent || r.mostRecent > now)
    return { tooManyMissed: false, ...(r.error ? { error: r.error } : {}) };
  return { time: r.mostRecent, tooManyMissed: r.missed === 'many' };
}
