/**
 * What the features know of one version of a log: its parse, each record's problems and the records'
 * summaries, each worked out when first asked for and then kept. The version after an edit inside one
 * record is made from this one (see incremental.ts): that record is read and checked again, the others'
 * problems and summaries are reused or moved. Nothing links a version to the one before it, and nothing
 * read after an edit keeps that version's text, so an old version goes as soon as nobody holds it. (A log
 * the tolerant parser read whole, one with a byte-order mark say, keeps that one text while it is edited:
 * its records' values are views into it. One copy, never one per edit.)
 */
import type { Fix, Problem } from '../cloudtrail/problems';
import {
  type LogFindings,
  logFindings,
  matchRecords,
  matchRecordsInSlices,
  matchValue,
  type RecordMatches,
  recordFindings,
} from '../detections/logFindings';
import { recordValue } from '../detections/recordValue';
import type { RuleSet } from '../detections/ruleSet';
import { reparseAfterEdit, type Reparsed, type TextChange } from '../parse/incremental';
import { movedSpan, type ParsedLog } from '../parse/parsedLog';
import { parseLog } from '../parse/parseLog';
import { type RecordSummary, summarize, summarizeRecord } from './recordSummary';
import { type IgnoredCodes, NO_IGNORED, shownProblems } from './ignoredProblems';
import { checkRecord, collectProblems } from './validate';

export interface Analysis {
  readonly version: number;
  readonly parsed: ParsedLog;
  /** Every problem, errors first: what quick fixes are looked up in. */
  readonly allProblems: readonly Problem[];
  /** The problems to show under a limit, those of ignored codes left out (a note says how many). */
  problems(maxProblems: number, ignore?: IgnoredCodes): readonly Problem[];
  /** One summary per record, for the events view and the outline. */
  readonly summaries: readonly RecordSummary[];
  /** What a rule set finds in this version (`text` is its text), worked out at once. */
  detections(set: RuleSet, text: string): LogFindings;
  /**
   * The same, worked out in slices that let other requests in (one run shared by every caller); undefined when
   * `stale` says the document has moved on before it is done.
   */
  detectionsInSlices(set: RuleSet, text: string, stale: () => boolean): Promise<LogFindings | undefined>;
  /** What a hover shows of the record at `index`: the log's findings once worked out, the record's own until then. */
  detectionsOf(set: RuleSet, text: string, index: number): LogFindings;
  /** The next version, which `change` made from this one: only the record it touched read again, when it lies inside one. */
  next(version: number, text: string, change: TextChange): Analysis;
}

/** A rule set's matches on each record of a version, and the findings made of them once asked for. */
interface Detected {
  readonly set: RuleSet;
  readonly perRecord: readonly RecordMatches[];
  findings?: LogFindings;
}

function movedFix(fix: Fix | undefined, delta: number): Fix | undefined {
  return fix && { title: fix.title, edits: fix.edits.map((e) => movedSpan(e, delta)) };
}

function movedProblem(p: Problem, delta: number): Problem {
  const fix = movedFix(p.fix, delta);
  const suggestion = movedFix(p.suggestion, delta);
  return {
    code: p.code,
    message: p.message,
    start: p.start + delta,
    end: p.end + delta,
    ...(fix ? { fix } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
}

/** Each record's problems after the edit: the edited record checked again, the later ones moved. */
function problemsAfter(before: readonly (readonly Problem[])[], edit: Reparsed): (readonly Problem[])[] {
  const { index, delta, parsed } = edit;
  const after = before.slice();
  after[index] = checkRecord(parsed.records[index]!);
  if (delta !== 0) {
    for (let i = index + 1; i < after.length; i++) {
      const problems = after[i]!;
      if (problems.length > 0) after[i] = problems.map((p) => movedProblem(p, delta));
    }
  }
  return after;
}

/** The summaries after the edit: the edited record summarised again, the later ones moved. */
function summariesAfter(before: readonly RecordSummary[], edit: Reparsed, text: string): RecordSummary[] {
  const { index, delta, parsed } = edit;
  const fresh = summarizeRecord(parsed.records[index]!, text);
  return before.map((s, i) => (i === index ? fresh : i < index || delta === 0 ? s : movedSpan(s, delta)));
}

/** The matches after the edit: the edited record asked again, the others' kept (record indices do not move). */
function detectedAfter(before: Detected, edit: Reparsed, text: string): Detected {
  const perRecord = before.perRecord.slice();
  perRecord[edit.index] = matchValue(before.set, recordValue(edit.parsed.records[edit.index]!, text));
  return { set: before.set, perRecord };
}

export class LogAnalysis implements Analysis {
  private all: readonly Problem[] | undefined;
  /** A sliced run of the rules under way, shared by whoever asks for the same set meanwhile. */
  private detecting: { readonly set: RuleSet; readonly run: Promise<LogFindings | undefined> } | undefined;
  private limited: { max: number; ignore: IgnoredCodes; problems: readonly Problem[] } | undefined;

  private constructor(
    readonly version: number,
    readonly parsed: ParsedLog,
    /** The version's text (the editor's own string, not a copy): what `resource:` reads of records the parse keeps no value of. */
    private readonly text: string,
    /** Each record's own problems, in record order, once known. */
    private perRecord?: readonly (readonly Problem[])[],
    private summarized?: readonly RecordSummary[],
    private detected?: Detected,
  ) {}

  /** The analysis of a version read whole. */
  static of(version: number, text: string): LogAnalysis {
    return new LogAnalysis(version, parseLog(text), text);
  }

  /**
   * The analysis of `text`, version `version`, which `change` (offsets into this version's text) made
   * from this version: built from this one when the edit lies inside one record, read whole otherwise.
   * What this version has worked out is carried over; what it has not is left for the new one to do.
   */
  next(version: number, text: string, change: TextChange): LogAnalysis {
    const edit = reparseAfterEdit(this.parsed, text, change);
    if (!edit) return LogAnalysis.of(version, text);
    return new LogAnalysis(
      version,
      edit.parsed,
      text,
      this.perRecord && problemsAfter(this.perRecord, edit),
      this.summarized && summariesAfter(this.summarized, edit, text),
      this.detected && !this.detected.set.empty ? detectedAfter(this.detected, edit, text) : undefined,
    );
  }

  private recordProblems(): readonly (readonly Problem[])[] {
    return (this.perRecord ??= this.parsed.records.map(checkRecord));
  }

  get allProblems(): readonly Problem[] {
    return (this.all ??= collectProblems(this.parsed, this.recordProblems()));
  }

  problems(maxProblems: number, ignore: IgnoredCodes = NO_IGNORED): readonly Problem[] {
    // The settings keep one set of ignored codes until they change: compared by identity.
    if (this.limited?.max !== maxProblems || this.limited.ignore !== ignore)
      this.limited = { max: maxProblems, ignore, problems: shownProblems(this.allProblems, maxProblems, ignore) };
    return this.limited.problems;
  }

  get summaries(): readonly RecordSummary[] {
    return (this.summarized ??= summarize(this.parsed, this.text));
  }

  detections(set: RuleSet, text: string): LogFindings {
    if (this.detected?.set !== set) this.detected = { set, perRecord: matchRecords(set, this.parsed, text) };
    return (this.detected.findings ??= logFindings(set, this.detected.perRecord));
  }

  detectionsInSlices(set: RuleSet, text: string, stale: () => boolean): Promise<LogFindings | undefined> {
    if (this.detected?.set === set) return Promise.resolve(this.detections(set, text));
    if (this.detecting?.set !== set) {
      const run = matchRecordsInSlices(set, this.parsed, text, stale).then((perRecord) => {
        if (this.detecting === job) this.detecting = undefined;
        if (!perRecord) return undefined;
        if (this.detected?.set !== set) this.detected = { set, perRecord };
        return this.detections(set, text);
      });
      const job = { set, run };
      this.detecting = job;
    }
    return this.detecting!.run;
  }

  detectionsOf(set: RuleSet, text: string, index: number): LogFindings {
    if (this.detected?.set === set) return this.detections(set, text);
    const record = this.parsed.records[index];
    return recordFindings(set, index, record && recordValue(record, text));
  }
}
