/**
 * Correlation rules over the events compileRules' set gives for each record (correlationEvents): per correlation
 * rule and group, every window of `timespan` ending at an event is tested (event_count: its events; value_count:
 * its distinct values; temporal: its distinct referred rules; temporal_ordered: those rules in their order), and
 * each maximal run of overlapping qualifying windows becomes one finding, its records in time order.
 *
 * Events may come in any order (a folder's files are read in parallel), so no window is final before findings():
 * until then a group keeps its events in columns (time, rule, value, reference) and nothing else, and findings()
 * releases each group once it has been swept.
 */
import type { CorrelationEvent, Finding, RuleInfo, RuleSet } from './ruleSet';
import { meetsCount, type CountCondition } from './sigmaRule';

interface Group<R> {
  readonly correlation: number;
  readonly group: readonly string[];
  readonly times: number[];
  readonly bases: number[];
  readonly values: (string | undefined)[];
  readonly refs: R[];
}

type Window = { readonly first: number; readonly last: number };

export class Correlator<R> {
  private groups = new Map<string, Group<R>>();

  constructor(private readonly set: RuleSet) {}

  add(event: CorrelationEvent, ref: R): void {
    if (!Number.isFinite(event.time) || !this.set.rules[event.correlation]?.correlation) return;
    const key = JSON.stringify([event.correlation, event.group]);
    let group = this.groups.get(key);
    if (!group) {
      group = { correlation: event.correlation, group: event.group, times: [], bases: [], values: [], refs: [] };
      this.groups.set(key, group);
    }
    group.times.push(event.time);
    group.bases.push(event.base);
    group.values.push(event.value);
    group.refs.push(ref);
  }

  findings(): Finding<R>[] {
    const out: Finding<R>[] = [];
    const groups = this.groups;
    this.groups = new Map();
    for (const group of groups.values()) {
      const info = this.set.rules[group.correlation]!;
      const order = group.times.map((_, i) => i).sort((a, b) => group.times[a]! - group.times[b]! || a - b);
      for (const window of sweep(info, group, order)) {
        const records = order.slice(window.first, window.last + 1);
        out.push({
          rule: group.correlation,
          records: records.map((i) => group.refs[i]!),
          window: {
            group: info.correlation!.groupBy.map((field, i) => ({ field, value: group.group[i] ?? '' })),
            start: group.times[records[0]!]!,
            end: group.times[records[records.length - 1]!]!,
          },
        });
      }
    }
    const groupText = (f: Finding<R>): string => f.window!.group.map((g) => g.value).join('\u0000');
    return out.sort(
      (a, b) =>
        a.rule - b.rule || a.window!.start - b.window!.start || (groupText(a) < groupText(b) ? -1 : groupText(a) > groupText(b) ? 1 : 0),
    );
  }
}

/** Counts of keys in the current window. */
class Tally {
  private readonly counts = new Map<unknown, number>();
  add(key: unknown): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  remove(key: unknown): void {
    const n = this.counts.get(key)! - 1;
    if (n === 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
  get distinct(): number {
    return this.counts.size;
  }
}

/** The maximal runs of overlapping qualifying windows, as positions in `order`. */
function sweep<R>(info: RuleInfo, group: Group<R>, order: readonly number[]): Window[] {
  const { type, timespanMs } = info.correlation!;
  const rules = info.correlation!.rules ?? [];
  const condition: CountCondition = info.correlation!.condition ?? (type.startsWith('temporal') ? { gte: rules.length } : { gte: 1 });
  const time = (k: number): number => group.times[order[k]!]!;
  const keyOf = (k: number): unknown => (type === 'value_count' ? group.values[order[k]!] : group.bases[order[k]!]);
  const tally = new Tally();
  const ordered = type === 'temporal_ordered' ? new OrderedRules(rules) : undefined;
  const runs: Window[] = [];
  let current: Window | undefined;
  let start = 0;
  for (let k = 0; k < order.length; k++) {
    tally.add(keyOf(k));
    ordered?.add(group.bases[order[k]!]!, k);
    while (time(k) - time(start) > timespanMs) tally.remove(keyOf(start++));
    const count = type === 'event_count' ? k - start + 1 : tally.distinct;
    const qualifies = meetsCount(condition, count) && (!ordered || ordered.since(start));
    if (!qualifies) continue;
    if (current && start <= current.last) current = { first: current.first, last: k };
    else {
      if (current) runs.push(current);
      current = { first: start, last: k };
    }
  }
  if (current) runs.push(current);
  return runs;
}

/**
 * Whether a window ending at the latest event holds the referred rules' events in the rules' order (each after the
 * one before), in constant time per event: for each prefix of the rules, the latest position its events can start
 * at, so far. A window qualifies when the whole list's latest start lies inside it.
 */
class OrderedRules {
  /** latest[j]: the latest start of rules[0..j] in order, among events so far; -1 while there is none. */
  private readonly latest: number[];
  constructor(private readonly rules: readonly number[]) {
    this.latest = rules.map(() => -1);
  }
  add(rule: number, position: number): void {
    // From the last step down, so one event serves as one step only.
    for (let j = this.rules.length - 1; j >= 0; j--) {
      if (this.rules[j] !== rule) continue;
      const from = j === 0 ? position : this.latest[j - 1]!;
      if (from > this.latest[j]!) this.latest[j] = from;
    }
  }
  since(start: number): boolean {
    return this.rules.length === 0 || this.latest[this.rules.length - 1]! >= start;
  }
}
