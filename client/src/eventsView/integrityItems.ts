/**
 * What the Integrity node and its children show. File names come from the evidence folder and reasons may quote a
 * digest's text: all plain text (a tree item is never Markdown), put on one line.
 */
import { integrityCounts } from '../../../common/integrityProtocol';
import type { GroupBy } from '../../../common/protocol';
import { nodeId } from './ids';
import { GAPS_KEY, INTEGRITY_GROUPS } from './integrityNodes';
import { type IconSpec, type ItemSpec, oneLine } from './items';
import type { IntegrityFileNode, IntegrityGapNode, IntegrityGroupNode, IntegrityNode } from './nodes';

const OK: IconSpec = { id: 'verified', color: 'testing.iconPassed' };
const BAD: IconSpec = { id: 'error', color: 'problemsErrorIcon.foreground' };
const DOUBT: IconSpec = { id: 'warning', color: 'problemsWarningIcon.foreground' };
const PLAIN: IconSpec = { id: 'circle-outline', color: 'descriptionForeground' };

/** Each status's icon: broken evidence red, what cannot be vouched for yellow. */
const STATUS_ICONS: Readonly<Record<string, IconSpec>> = {
  'logs/valid': OK,
  'digests/valid': OK,
  'logs/modified': BAD,
  'logs/missing': BAD,
  'digests/invalid': BAD,
  'digests/missing': BAD,
  'logs/unlisted': DOUBT,
  'digests/unverified': DOUBT,
  [GAPS_KEY]: DOUBT,
};

export function integrityItem(node: IntegrityNode, groupBy: GroupBy): ItemSpec {
  const { logs, digests, gaps } = integrityCounts(node.result);
  const broken = logs.modified + logs.missing + digests.invalid + digests.missing;
  const doubtful = logs.unlisted + gaps;
  return {
    id: nodeId(node, groupBy),
    label: 'Integrity',
    description: `${logs.valid} valid · ${logs.modified} modified · ${logs.missing} missing`,
    tooltip: [
      `Logs: ${logs.valid} valid, ${logs.modified} modified, ${logs.missing} missing, ${logs.unlisted} no digest vouches for.`,
      `Digests: ${digests.valid} valid, ${digests.invalid} invalid, ${digests.unverified} unverified, ${digests.missing} missing.`,
      `Gaps in the digests' time: ${gaps}.`,
    ].join('\n'),
    icon: broken > 0 ? BAD : doubtful > 0 ? DOUBT : OK,
    expandable: true,
    contextValue: 'integrity',
  };
}

export function integrityGroupItem(node: IntegrityGroupNode, groupBy: GroupBy): ItemSpec {
  const count = node.key === GAPS_KEY ? node.gaps.length : node.files.length;
  const label = INTEGRITY_GROUPS.find((g) => g.key === node.key)?.label ?? 'Gaps: hours no digest covers';
  return {
    id: nodeId(node, groupBy),
    label,
    description: String(count),
    icon: count === 0 ? PLAIN : (STATUS_ICONS[node.key] ?? PLAIN),
    expandable: count > 0,
  };
}

/** The last part of a file URI, decoded. */
function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function integrityFileItem(node: IntegrityFileNode, groupBy: GroupBy): ItemSpec {
  const { uri, status, reason } = node.file;
  const missing = status === 'missing';
  return {
    id: nodeId(node, groupBy),
    label: oneLine(fileName(uri)),
    ...(reason ? { description: oneLine(reason) } : {}),
    tooltip: [oneLine(uri), reason ? oneLine(reason) : status].join('\n'),
    icon: STATUS_ICONS[node.parent.key] ?? PLAIN,
    expandable: false,
    // A missing file is where it should be: there is nothing to open.
    ...(missing
      ? {}
      : {
          action: {
            kind: 'reveal',
            title: 'Open the file',
            uri,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          },
        }),
  };
}

const HOUR_MS = 3_600_000;

export function integrityGapItem(node: IntegrityGapNode, groupBy: GroupBy): ItemSpec {
  const { after, before } = node.gap;
  const hours = (Date.parse(before) - Date.parse(after)) / HOUR_MS;
  const shown = (time: string) => oneLine(time).replace('T', ' ').replace(/Z$/, ' UTC');
  return {
    id: nodeId(node, groupBy),
    label: `${shown(after)} → ${shown(before)}`,
    description: Number.isFinite(hours) ? `${hours.toFixed(hours < 10 ? 1 : 0)} h` : '',
    tooltip: 'No digest covers this time: logging was stopped, or digests were deleted.',
    icon: DOUBT,
    expandable: false,
  };
}
