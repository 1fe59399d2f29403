/**
 * What every controller adapter shares: its dependencies, a structured logger shape, the client for
 * each resource name, and the small lifecycle handle startControllers collects.
 */
import type { Clock } from '../../core/index.ts';
import type { Client, EventRecorder, InformerFactory, ResourceClient } from '../../client/index.ts';
import type { ResourceName } from './actions.ts';

/** The subset of pino's API the controllers use; pino loggers fit as they are. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ControllerDeps {
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  logger: Logger;
  /** An event recorder for a component name (`deployment-controller`, …). */
  recorder(component: string): EventRecorder;
  /** Concurrent reconciles per controller; default 2. */
  workers?: number;
}

export interface RunningController {
  name: string;
  /** Resolves once the controller's informers have synced. */
  ready: Promise<void>;
  /** Stops taking work and waits for the reconciles in flight. */
  stop(): Promise<void>;
}

export function resourceClientFor(client: Client, resource: ResourceName): ResourceClient {
  switch (resource) {
    case 'jobs':
      return client.resource({
        group: 'batch',
        version: 'v1',
        resource: 'jobs',
        kind: 'Job',
        namespaced: true,
      });
    case 'controllerrevisions':
      return client.resource({
        group: 'apps',
        version: 'v1',
        resource: 'controllerrevisions',
        kind: 'ControllerRevision',
        namespaced: true,
      });
    default:
      return client[resource];
  }
}
