/**
 * Deployment, ReplicaSet, DaemonSet, StatefulSet and ControllerRevision tables, ported from
 * printDeployment, printReplicaSet, printDaemonSet, printStatefulSet and printControllerRevision in
 * kubernetes/kubernetes pkg/printers/internalversion/printers.go (v1.32).
 */
import { parseApiVersion } from '../../core/index.ts';
import type { KindPrinter } from './types.ts';
import {
  ageCol,
  col,
  containerCells,
  containersCol,
  formatLabels,
  formatLabelSelector,
  imagesCol,
  labelSelectorString,
  nameCol,
} from './columns.ts';
import { since } from './duration.ts';
import { get, int, recs, str } from './fields.ts';

const selectorCol = (what: string) => col('Selector', 'string', `${what} selector`, 1);

export const deploymentPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col(
      'Up-to-date',
      'string',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    col(
      'Available',
      'string',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    ageCol(),
    containersCol(),
    imagesCol(),
    selectorCol('Label'),
  ],
  cells(d, now) {
    const [names, images] = containerCells(get(d, 'spec', 'template', 'spec'));
    // printDeployment uses LabelSelectorAsSelector(...).String(): '' (not <none>) when empty.
    const selector = labelSelectorString(get(d, 'spec', 'selector'));
    return [
      d.metadata.name ?? '',
      `${int(get(d, 'status', 'readyReplicas'))}/${int(get(d, 'spec', 'replicas'), 1)}`,
      int(get(d, 'status', 'updatedReplicas')),
      int(get(d, 'status', 'availableReplicas')),
      since(d.metadata.creationTimestamp, now),
      names,
      images,
      selector ?? '<invalid>',
    ];
  },
};

export const replicaSetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    selectorCol('Label'),
  ],
  cells(rs, now) {
    const [names, images] = containerCells(get(rs, 'spec', 'template', 'spec'));
    return [
      rs.metadata.name ?? '',
      int(get(rs, 'spec', 'replicas'), 1),
      int(get(rs, 'status', 'replicas')),
      int(get(rs, 'status', 'readyReplicas')),
      since(rs.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(get(rs, 'spec', 'selector')),
    ];
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
    col(
      'Current',
      'integer',
      'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.',
    ),
    col(
      'Ready',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
    ),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col(
      'Available',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
    ),
    col(
      'Node Selector',
      'string',
      'NodeSelector is a selector which must be true for the pod to fit on a node.',
    ),
    ageCol(),
    containersCol(),
    imagesCol(),
    selectorCol('Label'),
  ],
  cells(ds, now) {
    const podSpec = get(ds, 'spec', 'template', 'spec');
    const [names, images] = containerCells(podSpec);
    return [
      ds.metadata.name ?? '',
      int(get(ds, 'status', 'desiredNumberScheduled')),
      int(get(ds, 'status', 'currentNumberScheduled')),
      int(get(ds, 'status', 'numberReady')),
      int(get(ds, 'status', 'updatedNumberScheduled')),
      int(get(ds, 'status', 'numberAvailable')),
      formatLabels(get(podSpec, 'nodeSelector')),
      since(ds.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(get(ds, 'spec', 'selector')),
    ];
  },
};

export const statefulSetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    ageCol(),
    containersCol(),
    imagesCol(),
  ],
  cells(ss, now) {
    const [names, images] = containerCells(get(ss, 'spec', 'template', 'spec'));
    return [
      ss.metadata.name ?? '',
      `${int(get(ss, 'status', 'readyReplicas'))}/${int(get(ss, 'spec', 'replicas'), 1)}`,
      since(ss.metadata.creationTimestamp, now),
      names,
      images,
    ];
  },
};

/** formatResourceName: `kind.group/name` lower-cased (just `kind/name` for the core group). */
export const controllerRevisionPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    ageCol(),
  ],
  cells(cr, now) {
    const ref = recs(cr.metadata.ownerReferences).find((o) => o.controller === true);
    let controller = '<none>';
    if (ref !== undefined) {
      const { group } = parseApiVersion(str(ref.apiVersion));
      const kind = str(ref.kind);
      controller =
        kind === '' && group === ''
          ? str(ref.name)
          : `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${str(ref.name)}`;
    }
    return [cr.metadata.name ?? '', controller, int(cr.revision), since(cr.metadata.creationTimestamp, now)];
  },
};
