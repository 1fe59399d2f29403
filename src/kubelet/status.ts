/**
 * Pure pod status generation: container statuses from the kubelet's view of each container
 * (k8s: pkg/kubelet/kubelet_pods.go `convertToAPIContainerStatuses`), the pod phase (`getPhase`) and
 * the conditions (pkg/kubelet/status/generate.go), with lastTransitionTime kept while unchanged.
 */

export interface InstanceView {
  id: string;
  /** The restartCount this instance was started with. */
  attempt: number;
  running: boolean;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  reason?: string;
  message?: string;
}

export interface ContainerView {
  name: string;
  image: string;
  imageID: string;
  current?: InstanceView;
  /** The instance before `current` (for lastState once `current` runs). */
  previous?: InstanceView;
  /** Set while the container cannot run: ContainerCreating, CrashLoopBackOff, ErrImagePull, … */
  waiting?: { reason: string; message?: string };
  ready: boolean;
  /** Startup probe succeeded (or none) and it runs. */
  started: boolean;
}

export type Json = Record<string, unknown>;

function terminated(i: InstanceView): Json {
  const t: Json = { exitCode: i.exitCode ?? 0 };
  t.reason = i.reason ?? (i.exitCode === 0 ? 'Completed' : 'Error');
  if (i.message) t.message = i.message;
  t.startedAt = i.startedAt ?? null;
  t.finishedAt = i.finishedAt ?? null;
  t.containerID = `kubelab://${i.id}`;
  return t;
}

export function containerStatus(v: ContainerView): Json {
  const cur = v.current;
  let state: Json;
  let last: Json = {};
  if (v.waiting || !cur) {
    const w: Json = { reason: v.waiting?.reason ?? 'ContainerCreating' };
    if (v.waiting?.message) w.message = v.waiting.message;
    state = { waiting: w };
    if (cur && !cur.running && cur.finishedAt) last = { terminated: terminated(cur) };
    else if (v.previous) last = { terminated: terminated(v.previous) };
  } else if (cur.running) {
    state = { running: { startedAt: cur.startedAt ?? null } };
    if (v.previous) last = { terminated: terminated(v.previous) };
  } else {
    state = { terminated: terminated(cur) };
    if (v.previous) last = { terminated: terminated(v.previous) };
  }
  const s: Json = {
    name: v.name,
    state,
    lastState: last,
    ready: v.ready && !!cur?.running && !v.waiting,
    restartCount: cur?.attempt ?? 0,
    image: v.image,
    imageID: v.imageID,
  };
  if (cur) s.containerID = `kubelab://${cur.id}`;
  s.started = v.started && !!cur?.running && !v.waiting;
  return s;
}

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';
const stateOf = (s: Json): Json => (s.state ?? {}) as Json;
const lastTerminated = (s: Json): Json | undefined =>
  (s.lastState as Json | undefined)?.terminated as Json | undefined;

/** k8s: pkg/kubelet/kubelet_pods.go getPhase (restartable init containers not modelled). */
export function podPhase(
  restartPolicy: string,
  initStatuses: Json[],
  statuses: Json[],
  podIsTerminal: boolean,
): Phase {
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of initStatuses) {
    const st = stateOf(s);
    if (st.running) pendingInit++;
    else if (st.terminated) {
      if ((st.terminated as Json).exitCode !== 0) failedInit++;
    } else if (st.waiting) {
      const lt = lastTerminated(s);
      if (lt && lt.exitCode !== 0) failedInit++;
      else pendingInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    const st = stateOf(s);
    if (st.running) running++;
    else if (st.terminated) {
      stopped++;
      if ((st.terminated as Json).exitCode === 0) succeeded++;
    } else if (st.waiting) {
      if (lastTerminated(s)) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInit > 0 || (failedInit > 0 && restartPolicy !== 'Never') || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** Initialized, ContainersReady and Ready as generate.go computes them. */
export function generateConditions(
  initStatuses: Json[],
  statuses: Json[],
  containerNames: string[],
  initNames: string[],
  phase: Phase,
  readinessGates: Array<{ type: string; status?: string }>,
): Condition[] {
  const out: Condition[] = [];
  // Initialized
  const unknownInit = initNames.filter((n) => !initStatuses.some((s) => s.name === n));
  const incomplete = initNames.filter((n) => {
    const s = initStatuses.find((x) => x.name === n);
    const t = s && (stateOf(s).terminated as Json | undefined);
    return s && !(t && t.exitCode === 0);
  });
  const anyRegularStarted = statuses.some((s) => {
    const st = stateOf(s);
    return !!st.running || !!st.terminated || !!lastTerminated(s);
  });
  if (initNames.length === 0 || anyRegularStarted) {
    out.push({ type: 'Initialized', status: 'True' });
  } else if (phase === 'Succeeded' && unknownInit.length === 0) {
    out.push({ type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  } else {
    const msgs: string[] = [];
    if (unknownInit.length) msgs.push(`containers with unknown status: [${unknownInit.join(' ')}]`);
    if (incomplete.length) msgs.push(`containers with incomplete status: [${incomplete.join(' ')}]`);
    out.push(
      msgs.length === 0
        ? { type: 'Initialized', status: 'True' }
        : {
            type: 'Initialized',
            status: 'False',
            reason: 'ContainersNotInitialized',
            message: msgs.join(', '),
          },
    );
  }
  // ContainersReady
  let containersReady: Condition;
  const unknownMain = containerNames.filter((n) => !statuses.some((s) => s.name === n));
  if (phase === 'Succeeded' && unknownMain.length === 0) {
    containersReady = { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  } else if (phase === 'Failed') {
    containersReady = { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  } else {
    const unknown = containerNames.filter((n) => !statuses.some((s) => s.name === n));
    const unready = containerNames.filter((n) => statuses.some((s) => s.name === n && s.ready !== true));
    const msgs: string[] = [];
    if (unknown.length) msgs.push(`containers with unknown status: [${unknown.join(' ')}]`);
    if (unready.length) msgs.push(`containers with unready status: [${unready.join(' ')}]`);
    containersReady = msgs.length
      ? { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') }
      : { type: 'ContainersReady', status: 'True' };
  }
  // Ready = ContainersReady and every readiness gate True.
  let ready: Condition;
  if (containersReady.status !== 'True') {
    ready = { ...containersReady, type: 'Ready' };
  } else {
    const msgs: string[] = [];
    for (const g of readinessGates) {
      if (g.status === undefined)
        msgs.push(`corresponding condition of pod readiness gate "${g.type}" does not exist.`);
      else if (g.status !== 'True')
        msgs.push(`the status of pod readiness gate "${g.type}" is not "True", but ${g.status}`);
    }
    ready = msgs.length
      ? { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') }
      : { type: 'Ready', status: 'True' };
  }
  out.push(ready, containersReady);
  return out;
}

/** Carries lastTransitionTime over from the old conditions when status did not change. */
export function stampConditions(conds: Condition[], old: Json[], now: string): Json[] {
  return conds.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    const lastTransitionTime = prev && prev.status === c.status ? (prev.lastTransitionTime ?? now) : now;
    return {
      type: c.type,
      status: c.status,
      lastProbeTime: null,
      lastTransitionTime,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    };
  });
}
