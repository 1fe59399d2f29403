/**
 * Webhook configuration, Lease, PriorityClass and PodDisruptionBudget tables, ported from
 * printValidatingWebhook / printMutatingWebhook, printLease, printPriorityClass and
 * printPodDisruptionBudget in kubernetes/kubernetes pkg/printers/internalversion/printers.go (v1.32).
 */
import type { KindPrinter } from './types.ts';
import { ageCol, col, nameCol } from './columns.ts';
import { since } from './duration.ts';
import { arr, bool, get, int, intOrString, str } from './fields.ts';

export const webhookConfigurationPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'),
    ageCol(),
  ],
  cells: (w, now) => [
    w.metadata.name ?? '',
    arr(w.webhooks).length,
    since(w.metadata.creationTimestamp, now),
  ],
};

export const leasePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
    ageCol(),
  ],
  cells: (l, now) => [
    l.metadata.name ?? '',
    str(get(l, 'spec', 'holderIdentity')),
    since(l.metadata.creationTimestamp, now),
  ],
};

// PreemptionPolicy is a priority-0 column upstream, so plain `get priorityclass` shows it.
export const priorityClassPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Value', 'integer', 'value represents the integer value of this priority class.'),
    col(
      'Global-Default',
      'boolean',
      'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.',
    ),
    ageCol(),
    col(
      'PreemptionPolicy',
      'string',
      'preemptionPolicy is the Policy for preempting pods with lower priority.',
    ),
  ],
  cells: (pc, now) => [
    pc.metadata.name ?? '',
    int(pc.value),
    bool(pc.globalDefault),
    since(pc.metadata.creationTimestamp, now),
    str(pc.preemptionPolicy),
  ],
};

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageCol(),
  ],
  cells: (pdb, now) => [
    pdb.metadata.name ?? '',
    intOrString(get(pdb, 'spec', 'minAvailable')) ?? 'N/A',
    intOrString(get(pdb, 'spec', 'maxUnavailable')) ?? 'N/A',
    int(get(pdb, 'status', 'disruptionsAllowed')),
    since(pdb.metadata.creationTimestamp, now),
  ],
};
