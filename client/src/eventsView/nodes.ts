/**
 * The nodes of the events view, as data: the Detections group (its rules, a correlation rule's windows),
 * a grouping's groups, event sources under Other services, event names, the records under an event, a rule
 * or a window (loaded a page at a time), and the "Show more" node after a page.
 * No `vscode` here, so plain Node tests reach them.
 */
import type { ActorSession, FirstSeenField, FirstSeenItem } from '../../../common/actorProtocol';
import type { IntegrityFile, IntegrityGap, VerifyIntegrityResult } from '../../../common/integrityProtocol';
import type { CorrelationWindow, DetectionRule, EventCount, EventGroup, RecordItem } from '../../../common/protocol';
import type { Range } from 'vscode-languageserver-protocol';

export type EventNode =
  | IntegrityNode
  | IntegrityGroupNode
  | IntegrityFileNode
  | IntegrityGapNode
  | ProblemsNode
  | DetectionsNode
  | RuleNode
  | WindowNode
  | NewNode
  | NewValueNode
  | GroupNode
  | SessionNode
  | SourceNode
  | EventNameNode
  | RecordNode
  | MoreNode;

/** A node whose children are records, loaded a page at a time: an event name, a rule on one record, a correlation window. */
export type PagedNode = EventNameNode | RuleNode | WindowNode;

abstract class RecordPages {
  /** Records loaded so far, in file order, and how many there are in all (-1 before the first page). */
  records: RecordNode[] = [];
  total = -1;
  /** The page being fetched, so two askers do not load it twice. */
  pending: Promise<void> | undefined;
  /** The log (or folder) the tree shows. */
  abstract get uri(): string;
}

/** First in the tree when the file is not valid JSON: how many errors, and where the first is. */
export class ProblemsNode {
  readonly kind = 'problems';
  constructor(
    readonly uri: string,
    readonly count: number,
    readonly first: Range,
  ) {}
}

/** First in a folder's tree once its integrity was checked: its logs' and digests' statuses. */
export class IntegrityNode {
  readonly kind = 'integrity';
  constructor(
    readonly uri: string,
    readonly result: VerifyIntegrityResult,
  ) {}
}

/** The files of one status (`logs/modified`, `digests/missing`…), or the gaps. */
export class IntegrityGroupNode {
  readonly kind = 'integrityGroup';
  constructor(
    readonly parent: IntegrityNode,
    readonly key: string,
    readonly files: readonly IntegrityFile<string>[],
    readonly gaps: readonly IntegrityGap[] = [],
  ) {}
}

export class IntegrityFileNode {
  readonly kind = 'integrityFile';
  constructor(
    readonly parent: IntegrityGroupNode,
    readonly file: IntegrityFile<string>,
  ) {}
}

export class IntegrityGapNode {
  readonly kind = 'integrityGap';
  constructor(
    readonly parent: IntegrityGroupNode,
    readonly gap: IntegrityGap,
  ) {}
}

export class GroupNode {
  readonly kind = 'group';
  constructor(
    readonly uri: string,
    readonly group: EventGroup,
    /** Whether event sources come between the group and its event names (Other services, by level). */
    readonly bySource: boolean,
  ) {}
}

/** Under Other services: one node per event source. */
export class SourceNode {
  readonly kind = 'source';
  constructor(
    readonly parent: GroupNode,
    readonly eventSource: string,
    readonly events: readonly EventCount[],
  ) {}
  get count(): number {
    return this.events.reduce((n, e) => n + e.count, 0);
  }
}

/** Under an actor (By actor): one session it opened, a credential, and its events. */
export class SessionNode {
  readonly kind = 'session';
  constructor(
    readonly parent: GroupNode,
    readonly session: ActorSession,
  ) {}
}

export class EventNameNode extends RecordPages {
  readonly kind = 'event';
  constructor(
    readonly parent: GroupNode | SourceNode | SessionNode,
    readonly event: EventCount,
  ) {
    super();
  }
  get group(): GroupNode {
    return this.parent instanceof GroupNode ? this.parent : this.parent.parent;
  }
  /** The session the event's records are of, under By actor. */
  get session(): SessionNode | undefined {
    return this.parent instanceof SessionNode ? this.parent : undefined;
  }
  get uri(): string {
    return this.group.uri;
  }
}

/** First among the groups when rules flagged records: the rules, highest level first. */
export class DetectionsNode {
  readonly kind = 'detections';
  constructor(
    readonly uri: string,
    readonly rules: readonly DetectionRule[],
  ) {}
}

/** A rule with findings: its records, or for a correlation rule its windows. */
export class RuleNode extends RecordPages {
  readonly kind = 'rule';
  constructor(
    readonly parent: DetectionsNode,
    readonly rule: DetectionRule,
  ) {
    super();
  }
  get uri(): string {
    return this.parent.uri;
  }
}

/** One finding of a correlation rule: its group-by values, its time window, and the records that make it up. */
export class WindowNode extends RecordPages {
  readonly kind = 'window';
  constructor(
    readonly parent: RuleNode,
    readonly window: CorrelationWindow,
  ) {
    super();
  }
  get uri(): string {
    return this.parent.uri;
  }
}

/**
 * New in this window: what each actor did first since a time, the last tenth of the log's span, or within the time
 * range of the view's filter (a timeline range writes it): first seen from its after: and before its before:.
 */
export class NewNode {
  readonly kind = 'new';
  constructor(
    readonly uri: string,
    readonly since: string,
    /** The range's end (ms), when the filter bounds one: values first seen from it on are not of this window. */
    readonly before?: number,
    /** Whether the window is the filter's range rather than the last tenth. */
    readonly fromFilter = false,
  ) {}
}

/** One actor's value first seen since then: an API call, a source IP, a user agent or a region. */
export class NewValueNode {
  readonly kind = 'newValue';
  constructor(
    readonly parent: NewNode,
    readonly field: FirstSeenField,
    readonly item: FirstSeenItem,
  ) {}
}

export class RecordNode {
  readonly kind = 'record';
  constructor(
    readonly parent: PagedNode,
    readonly item: RecordItem,
  ) {}
}

/** After the records loaded so far, when there are more. */
export class MoreNode {
  readonly kind = 'more';
  constructor(readonly parent: PagedNode) {}
}
