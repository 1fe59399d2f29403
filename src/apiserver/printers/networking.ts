/**
 * Ingress, IngressClass and NetworkPolicy tables, ported from printIngress, formatHosts,
 * printIngressClass and printNetworkPolicy in kubernetes/kubernetes pkg/printers/internalversion/printers.go.
 */
import type { KindPrinter } from './types.ts';
import { ageCol, col, formatLabelSelector, nameCol } from './columns.ts';
import { since } from './duration.ts';
import { arr, get, recs, str } from './fields.ts';
import { loadBalancerIngress } from './service.ts';

/** formatHosts: up to three hosts, `*` when no rule names one; the "+ N more" counts all rules. */
function formatHosts(rulesValue: unknown): string {
  const rules = recs(rulesValue);
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && str(rule.host) !== '') list.push(str(rule.host));
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

export const ingressPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col(
      'Class',
      'string',
      'The name of the IngressClass resource that should be used for additional configuration',
    ),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageCol(),
  ],
  cells(ing, now) {
    const className = get(ing, 'spec', 'ingressClassName');
    return [
      ing.metadata.name ?? '',
      typeof className === 'string' ? className : '<none>',
      formatHosts(get(ing, 'spec', 'rules')),
      loadBalancerIngress(get(ing, 'status', 'loadBalancer')),
      arr(get(ing, 'spec', 'tls')).length !== 0 ? '80, 443' : '80',
      since(ing.metadata.creationTimestamp, now),
    ];
  },
};

export const ingressClassPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageCol(),
  ],
  cells(ic, now) {
    const params = get(ic, 'spec', 'parameters');
    let parameters = '<none>';
    if (params !== undefined && params !== null) {
      const group = get(params, 'apiGroup');
      parameters =
        str(get(params, 'kind')) +
        (typeof group === 'string' ? `.${group}` : '') +
        `/${str(get(params, 'name'))}`;
    }
    return [
      ic.metadata.name ?? '',
      str(get(ic, 'spec', 'controller')),
      parameters,
      since(ic.metadata.creationTimestamp, now),
    ];
  },
};

export const networkPolicyPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy object applies.'),
    ageCol(),
  ],
  cells: (np, now) => [
    np.metadata.name ?? '',
    // spec.podSelector is a required struct, so an absent one is the empty selector.
    formatLabelSelector(get(np, 'spec', 'podSelector') ?? {}),
    since(np.metadata.creationTimestamp, now),
  ],
};
