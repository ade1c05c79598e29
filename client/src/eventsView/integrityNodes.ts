/**
 * The Integrity node's children: one group per status that has files (valid, modified and missing logs always, so
 * the counts read the same each time), then the gaps. Data as a table; no `vscode` here.
 */
import type { IntegrityFile } from '../../../common/integrityProtocol';
import { IntegrityFileNode, IntegrityGapNode, IntegrityGroupNode, type IntegrityNode } from './nodes';

/** Each group: its key, which files, whether shown when empty, and its label, as the tree shows them. */
export const INTEGRITY_GROUPS: readonly {
  readonly key: string;
  readonly side: 'logs' | 'digests';
  readonly status: string;
  readonly always: boolean;
  readonly label: string;
}[] = [
  { key: 'logs/modified', side: 'logs', status: 'modified', always: true, label: 'Modified logs' },
  { key: 'logs/missing', side: 'logs', status: 'missing', always: true, label: 'Missing logs' },
  { key: 'logs/unlisted', side: 'logs', status: 'unlisted', always: false, label: 'Logs no digest vouches for' },
  { key: 'digests/invalid', side: 'digests', status: 'invalid', always: false, label: 'Invalid digests' },
  { key: 'digests/missing', side: 'digests', status: 'missing', always: false, label: 'Missing digests' },
  { key: 'digests/unverified', side: 'digests', status: 'unverified', always: false, label: 'Unverified digests' },
  { key: 'logs/valid', side: 'logs', status: 'valid', always: true, label: 'Valid logs' },
  { key: 'digests/valid', side: 'digests', status: 'valid', always: false, label: 'Valid digests' },
];

export const GAPS_KEY = 'gaps';

export function integrityGroups(node: IntegrityNode): IntegrityGroupNode[] {
  const groups = INTEGRITY_GROUPS.flatMap(({ key, side, status, always }) => {
    const files = (node.result[side] as readonly IntegrityFile<string>[]).filter((f) => f.status === status);
    return files.length > 0 || always ? [new IntegrityGroupNode(node, key, files)] : [];
  });
  if (node.result.gaps.length > 0) groups.push(new IntegrityGroupNode(node, GAPS_KEY, [], node.result.gaps));
  return groups;
}

export function integrityChildren(node: IntegrityGroupNode): (IntegrityFileNode | IntegrityGapNode)[] {
  return node.key === GAPS_KEY
    ? node.gaps.map((g) => new IntegrityGapNode(node, g))
    : node.files.map((f) => new IntegrityFileNode(node, f));
}
