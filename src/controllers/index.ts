/**
 * kubelab's kube-controller-manager: the workload controllers (ReplicaSet, Deployment, DaemonSet,
 * Job, CronJob) and the endpoint controllers (Endpoints, EndpointSlice), each a pure reconcile behind a thin
 * adapter, sharing one set of informers over an ApiTransport.
 */
import { createClient, createEventRecorder, createInformerFactory } from '../client/index.ts';
import type { ApiTransport, Clock } from '../core/index.ts';
import { realClock } from '../core/index.ts';
import type { ControllerDeps, Logger, RunningController } from './common/kit.ts';
import { silentLogger } from './common/kit.ts';
import { startCronJobController } from './cronjob/controller.ts';
import { startDaemonSetController } from './daemonset/controller.ts';
import { startDeploymentController } from './deployment/controller.ts';
import { startEndpointsController } from './endpoints/controller.ts';
import { startEndpointSliceController } from './endpointslice/controller.ts';
import { startJobController } from './job/controller.ts';
import { startReplicaSetController } from './replicaset/controller.ts';

export type { Logger } from './common/kit.ts';

const STARTERS = {
  replicaset: startReplicaSetController,
  deployment: startDeploymentController,
  daemonset: startDaemonSetController,
  job: startJobController,
  cronjob: startCronJobController,
  endpoints: startEndpointsController,
  endpointslice: startEndpointSliceController,
} as const;

export type ControllerName = keyof typeof STARTERS;
export const CONTROLLER_NAMES = Object.keys(STARTERS) as ControllerName[];

export interface ControllersConfig {
  /** The API: in-process from startApiServer().transport, or an HTTP transport. */
  transport: ApiTransport;
  clock?: Clock;
  logger?: Logger;
  /** Which controllers to run; default all. */
  controllers?: ControllerName[];
  /** Concurrent reconciles per controller; default 2. */
  workers?: number;
  /** Node name for events' source.host (kube-controller-manager leaves it empty). */
  host?: string;
}

export class ControllersConfigError extends Error {
  override name = 'ControllersConfigError';
}

export interface Controllers {
  /** Resolves once every controller's informers have synced and its workers run. */
  ready: Promise<void>;
  names: ControllerName[];
  /** Stops the workers (waiting for reconciles in flight), the informers and the event recorders. */
  stop(): Promise<void>;
}

export function startControllers(config: ControllersConfig): Controllers {
  if (!config?.transport) throw new ControllersConfigError('startControllers needs a transport');
  const names = config.controllers ?? CONTROLLER_NAMES;
  for (const n of names) {
    if (!(n in STARTERS))
      throw new ControllersConfigError(`unknown controller "${n}"; known: ${CONTROLLER_NAMES.join(', ')}`);
  }
  if (config.workers !== undefined && !(Number.isInteger(config.workers) && config.workers > 0)) {
    throw new ControllersConfigError('workers must be a positive integer');
  }
  const clock = config.clock ?? realClock;
  const logger = config.logger ?? silentLogger;
  const client = createClient(config.transport);
  const informers = createInformerFactory({
    clock,
    onError: (err, where) =>
      logger.warn({ event: 'informer-error', where, err: err.message }, 'informer error'),
  });
  const recorders = new Map<string, ReturnType<typeof createEventRecorder>>();
  const deps: ControllerDeps = {
    client,
    informers,
    clock,
    logger,
    workers: config.workers,
    recorder(component) {
      let r = recorders.get(component);
      if (!r) {
        r = createEventRecorder(client, {
          component,
          clock,
          ...(config.host ? { host: config.host } : {}),
          onError: (err) =>
            logger.debug({ event: 'event-write-failed', component, err: err.message }, 'event not written'),
        });
        recorders.set(component, r);
      }
      return r;
    },
  };
  const running: RunningController[] = names.map((n) => STARTERS[n](deps));
  informers.start();
  return {
    names,
    ready: Promise.all(running.map((c) => c.ready)).then(() => undefined),
    async stop() {
      await Promise.all(running.map((c) => c.stop()));
      informers.stop();
      for (const r of recorders.values()) r.stop();
    },
  };
}
