/**
 * Probe checks: a probe on a port the container does not serve (the lab's readiness on 80 while the
 * web image serves 8000), a named probe port no container port has, and `ps ... | grep NAME` exec probes.
 */
import { asArray, asRecord, asString, formatPath } from '../path.ts';
import type { Located, PathSegment } from '../types.ts';
import type { ContainerRef, PodTemplate } from '../workloads.ts';
import { containersOf, declaredPorts, servedPorts } from '../workloads.ts';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
type ProbeName = (typeof PROBES)[number];

const CONSEQUENCE: Readonly<Record<ProbeName, string>> = {
  readinessProbe: 'the probe fails with "connection refused" and the pod never becomes Ready (no endpoints)',
  livenessProbe:
    'the probe fails with "connection refused" and the kubelet restarts the container again and again',
  startupProbe:
    'the probe fails with "connection refused" and the kubelet restarts the container again and again',
};

export function checkProbes(templates: readonly PodTemplate[]): Located[] {
  const out: Located[] = [];
  for (const t of templates) {
    for (const c of containersOf(t)) {
      for (const probe of PROBES) {
        const p = asRecord(c.container[probe]);
        for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
          const h = p[handler];
          if (h === undefined) continue;
          const f = portFinding(c, probe, handler, asRecord(h)['port']);
          if (f) out.push({ obj: t.obj, finding: f });
        }
        const f = psGrepFinding(c, probe, asRecord(p['exec']));
        if (f) out.push({ obj: t.obj, finding: f });
      }
    }
  }
  return out;
}

function portFinding(
  c: ContainerRef,
  probe: ProbeName,
  handler: string,
  port: unknown,
): Located['finding'] | undefined {
  const path: PathSegment[] = [...c.path, probe, handler, 'port'];
  const declared = declaredPorts(c.container);
  if (typeof port === 'string') {
    if (declared.some((d) => d.name === port)) return undefined;
    // kubelet (pkg/kubelet/prober/prober.go via probe.ResolveContainerPort): `couldn't find port: <name> in <container>`
    return {
      check: 'probe-port',
      severity: 'error',
      path,
      message: `${probe} port "${port}" is not the name of any port of container "${c.name}" (the kubelet: couldn't find port)`,
      fix: `declare ports: [{name: ${port}, containerPort: N}] in container "${c.name}" or use the port number`,
    };
  }
  if (typeof port !== 'number') return undefined;
  const served = servedPorts(c.container);
  if (served === undefined || served.includes(port)) return undefined;
  const image = asString(c.container['image']) ?? '';
  const target = served[0];
  const named = declared.find((d) => d.containerPort === target && d.name !== undefined);
  return {
    check: 'probe-port',
    severity: 'error',
    path,
    message: `${probe} checks port ${port}, but container "${c.name}" (image ${image}) serves ${served.length > 0 ? `port ${served.join(', ')}` : 'no port'}: ${CONSEQUENCE[probe]}`,
    fix:
      target === undefined
        ? `remove the ${probe}: this container runs a one-shot command`
        : `set ${formatPath(path.slice(c.path.length))} to ${target}${named?.name ? ` (or the named port "${named.name}")` : ''}`,
  };
}

/**
 * `ps aux | grep NAME` always succeeds: grep's own command line contains NAME, so ps lists a matching
 * process even when NAME is not running, and the pipeline's status is grep's. (It is not entirely
 * useless: it still fails when the container cannot exec at all, e.g. no sh or ps in the image, or a
 * hung runtime.)
 */
const PS_GREP = /\bps\b[^|;&]*\|\s*grep\s+((?:-\S+\s+)*)(['"]?)([^\s|;&'"]+)\2/;

function psGrepFinding(
  c: ContainerRef,
  probe: ProbeName,
  exec: Record<string, unknown>,
): Located['finding'] | undefined {
  const argv = asArray(exec['command']).map((a) => String(a));
  if (argv.length === 0) return undefined;
  const shell = /(^|\/)(ba|da|a)?sh$/.test(argv[0] ?? '') && argv[1] === '-c';
  const script = shell ? (argv[2] ?? '') : argv.join(' ');
  const m = PS_GREP.exec(script);
  const name = m?.[3];
  if (!m || name === undefined) return undefined;
  // Already guarded: `grep [m]y_proc` cannot match itself, `grep -v grep` drops it, -c/-q do not change it.
  if (name.startsWith('[') || /grep\s+-v\s+grep/.test(script)) return undefined;
  const path: PathSegment[] = [...c.path, probe, 'exec', 'command'];
  return {
    check: 'liveness-ps-grep',
    severity: 'error',
    path,
    message: `${probe} runs "${script}", which always succeeds: grep finds its own process (its command line contains "${name}"), so the probe never fails`,
    fix: `use pgrep -f ${name} (or grep [${name[0] ?? ''}]${name.slice(1)}), or better an httpGet/tcpSocket probe on the port the process serves`,
  };
}
