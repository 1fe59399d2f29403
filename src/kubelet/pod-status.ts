/** The pod's status as the kubelet writes it: container statuses, phase, conditions, IPs. */
import { isRecord } from '../core/index.ts';
import type { PodWorker } from './pod-worker.ts';
import { metaTime } from './pod-worker.ts';
import { imageOf } from './slots.ts';
import type { Slot } from './slots.ts';
import { containerStatus, generateConditions, podPhase, stampConditions } from './status.ts';
import type { Condition, ContainerView, Json } from './status.ts';

function view(w: PodWorker, slot: Slot, initPending: boolean): ContainerView {
  const v: ContainerView = {
    name: slot.name,
    image: imageOf(slot.spec),
    imageID: slot.imageID,
    ready: slot.init ? false : w.probes.ready(slot),
    started: slot.init ? false : w.probes.started(slot),
  };
  if (slot.current) v.current = slot.current;
  if (slot.previous) v.previous = slot.previous;
  if (slot.waiting) v.waiting = slot.waiting;
  else if (!slot.current && !slot.init && initPending) v.waiting = { reason: 'PodInitializing' };
  return v;
}

export function buildPodStatus(w: PodWorker): Json {
  const old = isRecord(w.pod.status) ? w.pod.status : {};
  const now = metaTime(w.deps.clock.now());
  const slots = [...w.slots.values()];
  const inits = slots.filter((s) => s.init);
  const mains = slots.filter((s) => !s.init);
  const initPending = inits.some((s) => !(s.current && !s.current.running && s.current.exitCode === 0));
  const initStatuses = inits.map((s) => {
    const st = containerStatus(view(w, s, false));
    st.started = !!s.current?.running;
    return st;
  });
  const statuses = mains.map((s) => containerStatus(view(w, s, initPending)));
  const spec = isRecord(w.pod.spec) ? w.pod.spec : {};
  const phase = w.terminalPhase ?? podPhase(w.restartPolicy, initStatuses, statuses, false);
  const oldConds = Array.isArray(old.conditions) ? old.conditions.filter(isRecord) : [];
  const gates = (Array.isArray(spec.readinessGates) ? spec.readinessGates.filter(isRecord) : []).map((g) => {
    const c = oldConds.find((o) => o.type === g.conditionType);
    return { type: String(g.conditionType), ...(c ? { status: String(c.status) } : {}) };
  });
  const conds: Condition[] = [
    {
      type: 'PodReadyToStartContainers',
      status: w.sandbox && !w.terminalPhase ? 'True' : 'False',
    },
    ...generateConditions(
      initStatuses,
      statuses,
      mains.map((s) => s.name),
      inits.map((s) => s.name),
      phase,
      gates,
    ),
  ];
  const stamped = stampConditions(conds, oldConds, now);
  const scheduled = oldConds.find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: now,
  };
  // Conditions set by others (readiness gates, DisruptionTarget) are kept.
  const mine = new Set([
    'PodReadyToStartContainers',
    'Initialized',
    'Ready',
    'ContainersReady',
    'PodScheduled',
  ]);
  const others = oldConds.filter((c) => !mine.has(String(c.type)));
  const status: Json = {
    phase,
    conditions: [...stamped, scheduled, ...others],
    hostIP: w.deps.hostIP,
    hostIPs: [{ ip: w.deps.hostIP }],
  };
  const ip = w.sandbox?.ip;
  if (ip) {
    status.podIP = ip;
    status.podIPs = [{ ip }];
  }
  status.startTime = w.startTime;
  if (inits.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  if (typeof old.qosClass === 'string') status.qosClass = old.qosClass;
  return status;
}
