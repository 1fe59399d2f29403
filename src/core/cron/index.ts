/**
 * Cron schedules as Kubernetes reads them (robfig/cron v3 ParseStandard plus Go's time zones): shared by
 * the API server, which validates spec.schedule and spec.timeZone, and the CronJob controller, which runs them.
 */
export { parseGoDuration, parseStandard } from './schedule.ts';
export type { ParseResult, Schedule } from './schedule.ts';
export {
  formatRfc1123zUtc,
  formatRfc3339,
  instantsOfWall,
  loadLocation,
  offsetAt,
  wallClock,
} from './zone.ts';
