/**
 * Shares one informer per (resource, namespace, selectors) among the components of a process, as
 * client-go's SharedInformerFactory does, so ten controllers watching pods cost one watch.
 */
import type { Clock, KubeObject } from '../core/index.ts';
import type { BackoffConfig } from './backoff.ts';
import { createInformer } from './informer.ts';
import type { Informer, InformerConfig } from './informer.ts';
import type { ResourceClient } from './resource-client.ts';

export interface InformerFactoryConfig {
  clock?: Clock;
  resyncMs?: number;
  backoff?: BackoffConfig;
  onError?: InformerConfig['onError'];
}

export interface InformerSelection {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface InformerFactory {
  /** The shared informer; started at once if the factory has been started. Do not stop it: stop the factory. */
  informer<T extends KubeObject = KubeObject>(
    resource: ResourceClient<T>,
    selection?: InformerSelection,
  ): Informer<T>;
  /** Starts every informer made so far and every one made later. */
  start(): void;
  hasSynced(): boolean;
  /** Resolves when every informer made so far has synced. */
  whenSynced(): Promise<void>;
  stop(): void;
}

export function createInformerFactory(config: InformerFactoryConfig = {}): InformerFactory {
  const informers = new Map<string, Informer<KubeObject>>();
  let started = false;

  return {
    informer<T extends KubeObject = KubeObject>(
      resource: ResourceClient<T>,
      selection: InformerSelection = {},
    ) {
      const { group, version, resource: plural } = resource.type;
      const key = [
        group,
        version,
        plural,
        selection.namespace ?? '',
        selection.labelSelector ?? '',
        selection.fieldSelector ?? '',
      ].join('|');
      let informer = informers.get(key) as Informer<T> | undefined;
      if (!informer) {
        informer = createInformer<T>({ ...config, ...selection, resource });
        informers.set(key, informer);
        if (started) informer.start();
      }
      return informer;
    },
    start() {
      started = true;
      for (const informer of informers.values()) informer.start();
    },
    hasSynced: () => [...informers.values()].every((i) => i.hasSynced()),
    async whenSynced() {
      await Promise.all([...informers.values()].map((i) => i.whenSynced()));
    },
    stop() {
      for (const informer of informers.values()) informer.stop();
      informers.clear();
      started = false;
    },
  };
}
