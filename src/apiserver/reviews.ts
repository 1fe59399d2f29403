/**
 * The authorization and authentication reviews (`kubectl auth can-i`, `kubectl auth whoami`). kubelab
 * has one user with every right and does not enforce RBAC (RBAC objects are stored only), so every
 * access review is allowed; a TokenReview authenticates the configured tokens.
 */
import { isRecord } from '../core/index.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { json } from './context.ts';
import { objectFromBody } from './body.ts';
import type { Target } from './routing.ts';

/** Who every authenticated request is, as minikube's admin user. */
export const KUBELAB_USER = { username: 'kubelab-admin', groups: ['system:masters', 'system:authenticated'] };

const REASON = 'kubelab does not enforce RBAC: its single user may do everything';

export function handleReview(ctx: ApiContext, call: Call, t: Target): Result {
  const obj = objectFromBody(t.info, call.body);
  const spec = isRecord(obj.spec) ? obj.spec : {};
  switch (t.info.resource) {
    case 'selfsubjectreviews':
      obj.status = { userInfo: KUBELAB_USER };
      break;
    case 'tokenreviews': {
      const token = typeof spec.token === 'string' ? spec.token : '';
      const ok = ctx.config.tokens.length === 0 || ctx.config.tokens.includes(token);
      obj.status = ok
        ? { authenticated: true, user: KUBELAB_USER, audiences: spec.audiences ?? [] }
        : { authenticated: false, error: 'invalid bearer token' };
      break;
    }
    case 'selfsubjectrulesreviews':
      obj.status = {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
      break;
    default:
      obj.status = { allowed: true, reason: REASON };
  }
  if (t.namespace !== undefined) obj.metadata.namespace = t.namespace;
  return json(201, obj);
}
