/**
 * A one-node default-scheduler: binds every unscheduled pod (schedulerName default-scheduler) to this
 * node through pods/binding and records the scheduler's `Scheduled` event
 * (k8s: pkg/scheduler/schedule_one.go: `Successfully assigned %v/%v to %v`).
 */
import { ApiError, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import type { Client, EventRecorder } from '../client/index.ts';
import type { KubeletLogger } from './deps.ts';

export function needsScheduling(pod: KubeObject): boolean {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const status = isRecord(pod.status) ? pod.status : {};
  if (spec.nodeName || pod.metadata.deletionTimestamp) return false;
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return false;
  const name = spec.schedulerName;
  return name === undefined || name === '' || name === 'default-scheduler';
}

export async function bindPod(
  client: Client,
  recorder: EventRecorder,
  pod: KubeObject,
  nodeName: string,
  logger: KubeletLogger,
): Promise<void> {
  const { namespace = 'default', name = '', uid } = pod.metadata;
  try {
    await client.transport
      .request({
        method: 'POST',
        path: `/api/v1/namespaces/${namespace}/pods/${name}/binding`,
        body: {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace, ...(uid ? { uid } : {}) },
          target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
        },
      })
      .then((res) => {
        if (res.status >= 300) {
          const body = isRecord(res.body) ? res.body : {};
          const msg = typeof body.message === 'string' ? body.message : `binding failed with ${res.status}`;
          throw new ApiError('CONFLICT', msg);
        }
      });
  } catch (err) {
    logger.warn({ event: 'bind', pod: `${namespace}/${name}`, err: String(err) }, 'binding failed');
    return;
  }
  recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${nodeName}`);
}
