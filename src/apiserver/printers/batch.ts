/**
 * Job and CronJob tables, ported from printJob and printCronJob in kubernetes/kubernetes
 * pkg/printers/internalversion/printers.go (v1.32: Job has the STATUS column, CronJob TIMEZONE).
 */
import type { KubeObject } from '../../core/index.ts';
import type { KindPrinter } from './types.ts';
import {
  ageCol,
  col,
  containerCells,
  containersCol,
  formatLabelSelector,
  imagesCol,
  nameCol,
} from './columns.ts';
import { humanDuration, parseTimestamp, since } from './duration.ts';
import { arr, get, int, optInt, recs, str } from './fields.ts';

/** hasJobCondition: the first condition of that type decides. */
function hasCondition(job: KubeObject, type: string): boolean {
  return recs(get(job, 'status', 'conditions')).find((c) => c.type === type)?.status === 'True';
}

function jobStatus(job: KubeObject): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp !== undefined && job.metadata.deletionTimestamp !== null)
    return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: KubeObject): string {
  const succeeded = int(get(job, 'status', 'succeeded'));
  const wanted = optInt(get(job, 'spec', 'completions'));
  if (wanted !== undefined) return `${succeeded}/${wanted}`;
  const parallelism = int(get(job, 'spec', 'parallelism'));
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: KubeObject, now: Date): string {
  const start = parseTimestamp(get(job, 'status', 'startTime'));
  if (start === undefined || Number.isNaN(start)) return '';
  const end = parseTimestamp(get(job, 'status', 'completionTime'));
  if (end === undefined || Number.isNaN(end)) return humanDuration(now.getTime() - start);
  return humanDuration(end - start);
}

export const jobPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
  ],
  cells(job, now) {
    const [names, images] = containerCells(get(job, 'spec', 'template', 'spec'));
    return [
      job.metadata.name ?? '',
      jobStatus(job),
      completions(job),
      jobDuration(job, now),
      since(job.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(get(job, 'spec', 'selector')),
    ];
  },
};

/** printBoolPtr: "True"/"False", or "<unset>" for nil. */
function boolPtr(value: unknown): string {
  if (typeof value !== 'boolean') return '<unset>';
  return value ? 'True' : 'False';
}

export const cronJobPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col(
      'Timezone',
      'string',
      'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.',
    ),
    col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions.'),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
  ],
  cells(cj, now) {
    const jobSpec = get(cj, 'spec', 'jobTemplate', 'spec');
    const [names, images] = containerCells(get(jobSpec, 'template', 'spec'));
    const last = get(cj, 'status', 'lastScheduleTime');
    const timeZone = get(cj, 'spec', 'timeZone');
    return [
      cj.metadata.name ?? '',
      str(get(cj, 'spec', 'schedule')),
      typeof timeZone === 'string' ? timeZone : '<none>',
      boolPtr(get(cj, 'spec', 'suspend')),
      arr(get(cj, 'status', 'active')).length,
      last === undefined || last === null ? '<none>' : since(last, now),
      since(cj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(get(jobSpec, 'selector')),
    ];
  },
};
