/**
 * RoleBinding and ClusterRoleBinding tables, ported from printRoleBinding / printClusterRoleBinding in
 * kubernetes/kubernetes pkg/printers/internalversion/printers.go and rbac.SubjectsStrings
 * (pkg/apis/rbac/helpers.go). Role and ClusterRole have no printer upstream: they get the default table.
 */
import type { KindPrinter } from './types.ts';
import { ageCol, col, nameCol } from './columns.ts';
import { since } from './duration.ts';
import { get, recs, str } from './fields.ts';

/** SubjectsStrings: users, groups and `namespace/name` service accounts, each joined by ", ". */
function subjects(value: unknown): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of recs(value)) {
    if (s.kind === 'ServiceAccount') sas.push(`${str(s.namespace)}/${str(s.name)}`);
    else if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingPrinter(what: string): KindPrinter {
  return {
    columns: [
      nameCol(),
      col(
        'Role',
        'string',
        'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.',
      ),
      ageCol(),
      col('Users', 'string', `Users in the ${what}`, 1),
      col('Groups', 'string', `Groups in the ${what}`, 1),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
    ],
    cells: (b, now) => [
      b.metadata.name ?? '',
      `${str(get(b, 'roleRef', 'kind'))}/${str(get(b, 'roleRef', 'name'))}`,
      since(b.metadata.creationTimestamp, now),
      ...subjects(b.subjects),
    ],
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');
