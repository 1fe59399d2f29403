/**
 * The manager name of a request without `?fieldManager=`: the User-Agent up to its first `/`
 * (k8s: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go prefixFromUserAgent), so a
 * kubectl that sends none is `kubectl`. kubelab's in-process callers send no User-Agent.
 */
export const IN_PROCESS_MANAGER = 'kubelab';

export function managerFromUserAgent(userAgent: string | undefined): string {
  if (userAgent === undefined || userAgent === '') return IN_PROCESS_MANAGER;
  return userAgent.split('/')[0] ?? userAgent;
}
