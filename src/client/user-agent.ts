/**
 * A transport that names its caller: the User-Agent every request carries, as client-go sets
 * `kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/…`. The API server derives the field
 * manager of a write without `?fieldManager=` from it (managedFields show `kube-controller-manager`,
 * `kubelet`, as on a real cluster).
 */
import type { ApiRequest, ApiTransport } from '../core/index.ts';

export function withUserAgent(transport: ApiTransport, userAgent: string): ApiTransport {
  const named = (req: ApiRequest): ApiRequest =>
    req.headers?.['user-agent'] ? req : { ...req, headers: { ...req.headers, 'user-agent': userAgent } };
  return {
    ...transport,
    request: (req) => transport.request(named(req)),
    watch: (req, onEvent, onClose) => transport.watch(named(req), onEvent, onClose),
  };
}
