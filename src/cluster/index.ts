/**
 * The one composition root: opens the store, makes the PKI, starts the API server and writes the
 * kubeconfigs. Every other module knows its neighbours only through API objects; this file wires them.
 */
import { writeFileSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { pino } from 'pino';
import type { AddressPlan } from '../core/index.ts';
import { nthAddress } from '../core/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { startApiServer, type ApiServer } from '../apiserver/index.ts';
import { createClient } from '../client/index.ts';
import { startControllers, type Controllers } from '../controllers/index.ts';
import { builtinImages, createInProcessRuntime, parseImageAlias, type ImageAlias } from '../images/index.ts';
import { lazyPodHooks, startKubelet, type Kubelet } from '../kubelet/index.ts';
import { generatePage, startWebServer } from '../web/index.ts';
import { LAB_FILES, applyObjects, readManifests, waitForWebPods } from './lab.ts';

/** How long `up` waits for the lab's web pods before it reports what is ready. */
const LAB_READY_TIMEOUT_MS = 60_000;
import { dataDirPaths } from './data-dir.ts';
import { mergeIntoKubeconfig, userKubeconfigPath, writeKubeconfig } from './kubeconfig.ts';
import { ensurePki, type Pki } from './pki.ts';
import { apiUrl, resolveSettings, saveSettings, type Settings } from './settings.ts';

export { apiHealth, waitForApi } from './health.ts';

export interface ClusterOptions {
  dataDir: string;
  /** Overrides of the stored/default address plan. */
  plan: Partial<AddressPlan>;
  store: 'lmdb' | 'memory';
  plainHttp: boolean;
  bare: boolean;
  /** Merge a `kubelab` context into $KUBECONFIG / ~/.kube/config. */
  mergeKubeconfig: boolean;
  /** Component logs (JSON lines on stderr) at this level and above; default `info`. */
  logLevel?: string;
  /** `PATTERN=IMAGE` image aliases, e.g. `dmikos4/web:*=kubelab/web` (kept in the data dir's settings). */
  imageAliases?: string[];
}

export interface RunningCluster {
  url: string;
  kubeconfig: string;
  summary(): string;
  stop(): Promise<void>;
}

export interface Step {
  title: string;
  run(): Promise<void>;
}

/** The start-up as named steps (for the progress display), and the running cluster once they are done. */
export function startCluster(options: ClusterOptions): { steps: Step[]; cluster: () => RunningCluster } {
  const paths = dataDirPaths(options.dataDir);
  const logger = pino(
    { level: options.logLevel ?? process.env.KUBELAB_LOG_LEVEL ?? 'info' },
    pino.destination(2),
  );
  let settings: Settings | undefined;
  let pki: Pki | undefined;
  let store: Store | undefined;
  let api: ApiServer | undefined;
  let controllers: Controllers | undefined;
  let kubelet: Kubelet | undefined;
  const podHooks = lazyPodHooks();
  let webPods: string[] = [];
  let onUncaught: ((err: unknown) => void) | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready: a start-up step was skipped`);
    return value;
  };

  const steps: Step[] = [
    {
      title: 'Preparing the data dir',
      run: async () => {
        await mkdir(paths.dir, { recursive: true, mode: 0o700 });
        settings = await resolveSettings(paths.settings, {
          plan: options.plan,
          plainHttp: options.plainHttp,
          ...(options.imageAliases ? { imageAliases: options.imageAliases } : {}),
        });
        writeFileSync(paths.pid, `${process.pid}\n`);
        await saveSettings(paths.settings, settings);
      },
    },
    {
      title: 'Making certificates',
      run: async () => {
        const plan = need(settings, 'settings').plan;
        pki = await ensurePki(paths.pki, {
          ips: [plan.apiHost, plan.nodeIP, nthAddress(plan.serviceCIDR, 1)],
          dnsNames: [
            'localhost',
            'kubernetes',
            'kubernetes.default',
            'kubernetes.default.svc',
            'kubernetes.default.svc.cluster.local',
            'kubelab',
          ],
        });
      },
    },
    {
      title: 'Writing kubeconfig',
      run: async () => {
        const s = need(settings, 'settings');
        const p = need(pki, 'pki');
        const entry = { name: 'kubelab', server: apiUrl(s), caCert: p.caCert, token: p.token };
        await writeKubeconfig(paths.kubeconfig, entry);
        if (options.mergeKubeconfig) await mergeIntoKubeconfig(userKubeconfigPath(), entry);
      },
    },
    {
      title: 'Opening the store',
      run: async () => {
        store = await openStore(
          options.store === 'memory' ? { driver: 'memory' } : { driver: 'lmdb', path: paths.store },
        );
      },
    },
    {
      title: 'Starting the API server',
      run: async () => {
        const s = need(settings, 'settings');
        const p = need(pki, 'pki');
        api = await startApiServer({
          store: need(store, 'store'),
          listen: { host: s.plan.apiHost, port: s.plan.apiPort },
          ...(s.plainHttp
            ? { plainHttp: true }
            : { tls: { cert: p.apiCert, key: p.apiKey }, tokens: [p.token] }),
          caCert: p.caCert,
          logger: logger.child({ component: 'kube-apiserver' }),
          hooks: podHooks.hooks,
          podTermination: 'kubelet',
          serviceCIDR: s.plan.serviceCIDR,
          nodePortRange: s.plan.nodePortRange,
          node: { name: 'kubelab', internalIP: s.plan.nodeIP, podCIDR: s.plan.podCIDR },
        });
      },
    },
    {
      title: 'Starting the controllers',
      run: async () => {
        controllers = startControllers({
          transport: need(api, 'the API server').transport,
          logger: logger.child({ component: 'kube-controller-manager' }),
        });
        await controllers.ready;
      },
    },
    {
      title: 'Starting the kubelet',
      run: async () => {
        const s = need(settings, 'settings');
        const registry = builtinImages({ generatePage, startWebServer });
        const aliases: ImageAlias[] = s.imageAliases.map((a) => parseImageAlias(a, registry.names));
        const runtime = createInProcessRuntime({
          registry,
          aliases,
          nameserver: nthAddress(s.plan.serviceCIDR, 10),
        });
        kubelet = await startKubelet({
          transport: need(api, 'the API server').transport,
          runtime,
          rootDir: paths.kubelet,
          nodeName: 'kubelab',
          nodeIP: s.plan.nodeIP,
          podCIDR: s.plan.podCIDR,
          clusterDNS: nthAddress(s.plan.serviceCIDR, 10),
          logger: logger.child({ component: 'kubelet' }),
        });
        podHooks.bind(kubelet.hooks);
        // A container's uncaught error ends that container, never kubelab (the runtime knows whose it was).
        const log = logger.child({ component: 'container-runtime' });
        onUncaught = (err: unknown) => {
          if (runtime.handleUncaught(err)) {
            log.warn(
              { event: 'container-crashed', err: String(err) },
              'a container crashed; kubelab goes on',
            );
            return;
          }
          log.fatal(
            { event: 'crash', err: err instanceof Error ? err.stack : String(err) },
            'kubelab crashed',
          );
          process.exit(1);
        };
        process.on('uncaughtException', onUncaught);
        process.on('unhandledRejection', onUncaught);
      },
    },
    ...(options.bare
      ? []
      : [
          {
            title: 'Applying the lab',
            run: async () => {
              const client = createClient(need(api, 'the API server').transport);
              await applyObjects(client, await readManifests(LAB_FILES));
            },
          },
          {
            title: 'Waiting for the web pods to be ready',
            run: async () => {
              const client = createClient(need(api, 'the API server').transport);
              webPods = await waitForWebPods(client, 3, LAB_READY_TIMEOUT_MS);
            },
          },
        ]),
  ];

  const cluster = (): RunningCluster => {
    const s = need(settings, 'settings');
    const server = need(api, 'the API server');
    const db = need(store, 'the store');
    let stopping: Promise<void> | undefined;
    return {
      url: apiUrl(s),
      kubeconfig: paths.kubeconfig,
      summary: () =>
        `kubelab is up: API ${apiUrl(s)}, node ${s.plan.nodeIP}, pods ${s.plan.podCIDR}, services ${s.plan.serviceCIDR}\n` +
        (options.mergeKubeconfig
          ? `  kubectl uses the context "kubelab" (merged into ${userKubeconfigPath()})\n`
          : `  export KUBECONFIG=${paths.kubeconfig}\n`) +
        `  kubectl get nodes\n  Ctrl-C stops kubelab; "npm start" again resumes with every object\n` +
        (webPods.length > 0
          ? `The lab's web pods answer on their pod IPs:\n${webPods.map((u) => `  curl ${u}\n`).join('')}`
          : ''),
      stop: () =>
        (stopping ??= (async () => {
          await kubelet?.stop();
          if (onUncaught) {
            process.off('uncaughtException', onUncaught);
            process.off('unhandledRejection', onUncaught);
          }
          await controllers?.stop();
          await server.close();
          await db.close();
          if (existsSync(paths.pid) && readFileSync(paths.pid, 'utf8').trim() === String(process.pid)) {
            rmSync(paths.pid, { force: true });
          }
        })()),
    };
  };
  return { steps, cluster };
}
