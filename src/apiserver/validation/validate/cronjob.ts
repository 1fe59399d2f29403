/**
 * batch/v1 CronJob validation (k8s pkg/apis/batch/validation/validation.go ValidateCronJobCreate,
 * ValidateCronJobUpdate, validateCronJobSpec, validateScheduleFormat, validateTimeZone,
 * validateConcurrencyPolicy, ValidateJobTemplateSpec), with the schedule parsed by the same
 * robfig/cron port the CronJob controller runs.
 */
import { loadLocation, parseStandard } from '../../../core/cron/index.ts';
import type { FieldError } from '../../../core/index.ts';
import { child, invalid, notSupported, required } from '../field-errors.ts';
import type { Rec } from '../util.ts';
import { rec, str } from '../util.ts';
import { nonNegative } from './containers.ts';
import { goLabelSelector } from './selector.ts';
import { validateJobSpec } from './workloads.ts';

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
/** Job names get an 11-character `-<minutes>` suffix and must stay within 63 (DNS1035LabelMaxLength - 11). */
const MAX_NAME_LENGTH = 52;
/** IANA naming rules per path component, plus the digits and `+` of legacy names (upstream validTimeZoneCharacters). */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateScheduleFormat(
  schedule: string,
  allowTZInSchedule: boolean,
  timeZone: unknown,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const parsed = parseStandard(schedule);
  if ('error' in parsed) errs.push(invalid(path, schedule, parsed.error));
  const hasTZ = schedule.includes('TZ');
  if (allowTZInSchedule && hasTZ && timeZone !== undefined && timeZone !== null)
    errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  else if (!allowTZInSchedule && hasTZ)
    errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

function validateTimeZone(timeZone: unknown, path: string): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  const tz = str(timeZone);
  if (tz === '') return [invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part))
      return [invalid(path, tz, `unknown time zone ${tz}`)];
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local')
    errs.push(
      invalid(
        path,
        tz,
        'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ),
    );
  // Go's LoadLocation("Local") succeeds, so "Local" gets only the error above.
  const loc = loadLocation(tz, 'UTC');
  if ('error' in loc && tz !== 'Local') errs.push(invalid(path, tz, loc.error));
  return errs;
}

function validateJobTemplateSpec(template: Rec, path: string): FieldError[] {
  const spec = rec(template.spec);
  const errs = validateJobSpec(spec, child(path, 'spec'));
  if (spec.selector !== undefined && spec.selector !== null)
    errs.push(
      invalid(
        child(path, 'spec', 'selector'),
        goLabelSelector(rec(spec.selector)),
        '`selector` will be auto-generated',
      ),
    );
  if (spec.manualSelector === true)
    errs.push(notSupported(child(path, 'spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(spec: Rec, oldSpec: Rec | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  if (schedule === '') errs.push(required(child(path, 'schedule')));
  else {
    const allowTZ = oldSpec !== undefined && str(oldSpec.schedule).includes('TZ');
    errs.push(...validateScheduleFormat(schedule, allowTZ, spec.timeZone, child(path, 'schedule')));
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, child(path, 'startingDeadlineSeconds')));
  if (oldSpec === undefined || (oldSpec.timeZone ?? null) !== (spec.timeZone ?? null))
    errs.push(...validateTimeZone(spec.timeZone, child(path, 'timeZone')));
  const policy = str(spec.concurrencyPolicy);
  if (policy === '') errs.push(required(child(path, 'concurrencyPolicy')));
  else if (!CONCURRENCY_POLICIES.includes(policy))
    errs.push(notSupported(child(path, 'concurrencyPolicy'), policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplateSpec(rec(spec.jobTemplate), child(path, 'jobTemplate')));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, child(path, 'successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, child(path, 'failedJobsHistoryLimit')));
  return errs;
}

/** ValidateCronJobCreate's spec part and the 52-character name limit (metadata is checked by the caller). */
export function validateCronJobCreate(obj: Rec): FieldError[] {
  const errs = validateCronJobSpec(rec(obj.spec), undefined, 'spec');
  const name = str(rec(obj.metadata).name);
  if (name.length > MAX_NAME_LENGTH)
    errs.push(invalid('metadata.name', name, `must be no more than ${MAX_NAME_LENGTH} characters`));
  return errs;
}

/** ValidateCronJobUpdate's spec part: a TZ kept from the old schedule is allowed; no name limit, so old long names stay editable. */
export function validateCronJobUpdate(obj: Rec, old: Rec): FieldError[] {
  return validateCronJobSpec(rec(obj.spec), rec(old.spec), 'spec');
}
