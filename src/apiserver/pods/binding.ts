/**
 * pods/binding (the scheduler's write) and pods/eviction (delete without PDB checks),
 * k8s: pkg/registry/core/pod/storage/storage.go BindingREST.assignPod, EvictionREST.
 */
import { ApiError, errors, isRecord } from '../../core/index.ts';
import type { ApiContext, Call, Result } from '../context.ts';
import { json } from '../context.ts';
import { deleteObject, parseDeleteOptions } from '../delete.ts';
import type { Target } from '../routing.ts';
import { updateObject } from '../update.ts';

function success(code: number): Result {
  return json(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code });
}

export async function handleBinding(ctx: ApiContext, call: Call, t: Target, name: string): Promise<Result> {
  const body = isRecord(call.body) ? call.body : {};
  const target = isRecord(body.target) ? body.target : {};
  const node = typeof target.name === 'string' ? target.name : '';
  if (!node)
    throw errors.invalid('Binding', '', name, [
      { type: 'FieldValueRequired', field: 'target.name', message: 'target.name: Required value' },
    ]);
  await updateObject(
    ctx,
    t.info,
    t.namespace,
    name,
    (pod) => {
      if (pod.metadata.deletionTimestamp)
        throw errors.conflict('pods', '', name, 'pod is being deleted, cannot be assigned to a host');
      const spec = isRecord(pod.spec) ? pod.spec : {};
      if (spec.nodeName) {
        throw new ApiError(
          'CONFLICT',
          `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node ${JSON.stringify(spec.nodeName)}`,
        );
      }
      pod.spec = { ...spec, nodeName: node };
      return pod;
    },
    { dryRun: false, fieldValidation: 'Ignore', skipAdmission: true },
  );
  return success(201);
}

export async function handleEviction(ctx: ApiContext, call: Call, t: Target, name: string): Promise<Result> {
  const body = isRecord(call.body) ? call.body : {};
  await deleteObject(ctx, t.info, t.namespace, name, parseDeleteOptions(body.deleteOptions, {}));
  return success(201);
}
