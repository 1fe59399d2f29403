/** PodSpec and Pod validation (k8s: pkg/apis/core/validation/validation.go ValidatePodSpec, ValidatePodUpdate). */
import type { FieldError } from '../../../core/index.ts';
import { VOLUME_SOURCES } from '../defaults/pod.ts';
import { child, duplicate, forbidden, index, invalid, notSupported, required } from '../field-errors.ts';
import { isDNS1123Label } from '../names.ts';
import type { Rec } from '../util.ts';
import { deepEqual, recs, str } from '../util.ts';
import { validateContainers } from './containers.ts';

function validateVolumes(volumes: Rec[], path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const p = index(path, i);
    const el: FieldError[] = [];
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) el.push(required(p, 'must specify a volume type'));
    for (const extra of sources.slice(1))
      el.push(forbidden(child(p, extra), 'may not specify more than 1 volume type'));
    const name = str(v.name);
    if (!name) el.push(required(child(p, 'name'), ''));
    else el.push(...isDNS1123Label(name).map((m) => invalid(child(p, 'name'), name, m)));
    if (names.has(name)) el.push(duplicate(child(p, 'name'), name));
    if (el.length === 0) names.add(name);
    errs.push(...el);
  });
  return { errs, names };
}

export function validatePodSpec(spec: Rec, path: string): FieldError[] {
  const { errs, names: volumes } = validateVolumes(recs(spec.volumes), child(path, 'volumes'));
  const regular = new Set(recs(spec.containers).map((c) => str(c.name)));
  errs.push(
    ...validateContainers(spec.containers, child(path, 'containers'), {
      volumes,
      otherNames: new Set(),
      init: false,
    }),
  );
  errs.push(
    ...validateContainers(spec.initContainers, child(path, 'initContainers'), {
      volumes,
      otherNames: regular,
      init: true,
    }),
  );
  const restart = str(spec.restartPolicy);
  if (!restart) errs.push(required(child(path, 'restartPolicy'), ''));
  else if (!['Always', 'OnFailure', 'Never'].includes(restart))
    errs.push(notSupported(child(path, 'restartPolicy'), restart, ['Always', 'OnFailure', 'Never']));
  const dns = str(spec.dnsPolicy);
  const dnsValues = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!dns) errs.push(required(child(path, 'dnsPolicy'), ''));
  else if (!dnsValues.includes(dns)) errs.push(notSupported(child(path, 'dnsPolicy'), dns, dnsValues));
  const deadline = spec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && (deadline < 1 || deadline > 2147483647))
    errs.push(
      invalid(child(path, 'activeDeadlineSeconds'), deadline, 'must be between 1 and 2147483647, inclusive'),
    );
  return errs;
}

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * ValidatePodUpdate, without kube's trailing diff. kubelab lets spec.nodeName go from empty to set, since its
 * scheduler binds by update rather than through pods/binding.
 */
export function validatePodSpecUpdate(spec: Rec, oldSpec: Rec): FieldError[] {
  const mutable = (s: Rec, from: Rec): Rec => {
    const copy = JSON.parse(JSON.stringify(s)) as Rec;
    const fromInit = recs(from.initContainers);
    const fromRegular = recs(from.containers);
    recs(copy.containers).forEach((c, i) => (c.image = fromRegular[i]?.image));
    recs(copy.initContainers).forEach((c, i) => (c.image = fromInit[i]?.image));
    copy.activeDeadlineSeconds = from.activeDeadlineSeconds;
    copy.tolerations = from.tolerations;
    copy.terminationGracePeriodSeconds = from.terminationGracePeriodSeconds;
    if (!from.nodeName) copy.nodeName = from.nodeName;
    return copy;
  };
  if (deepEqual(mutable(spec, oldSpec), oldSpec)) return [];
  return [forbidden('spec', POD_UPDATE_FORBIDDEN)];
}
