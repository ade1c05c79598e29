/**
 * The query model's expressions and predicates as SQL text in one dialect. Every predicate is two-valued where it
 * matters: a value the record lacks is NULL in SQL, and NOT of an unknown must keep the record, as the filter and
 * Sigma mean (`-error:AccessDenied` keeps records with no error), so a negation reads NOT COALESCE(…, FALSE).
 */
import { type Access, accessOf } from './fieldAccess';
import type { Dialect } from './dialects';
import type { Expr, Predicate, RecordValues, TextTest } from './queryModel';
import { regexEscape } from '../../../common/jqFilter';
import { hasWildcard, type LikePart, likeText, literalOf, lowerParts, notExpressible, sqlString } from './sqlText';

/** Where `resource:` looks for a string value anywhere. */
const TOUCHING_COLUMNS = ['requestParameters', 'responseElements'] as const;

/** One character of a JSON string as written: anything but a quote or backslash, or an escape. */
const JSON_CHARACTER = '(?:[^"\\\\]|\\\\.)';

/**
 * A string value of JSON text whose whole text is the pattern: written as JSON writes it (JSON.stringify's escapes),
 * after `[`, `,` or `:` and before `,`, `}` or `]` (a key is followed by `:`), `*` any run inside the one string.
 * RE2 (DuckDB) and Java (Trino) read it alike.
 */
export function jsonValueRegex(parts: readonly LikePart[]): string {
  const body = parts.map((part) => {
    if (typeof part !== 'string') return regexEscape(JSON.stringify(part.text).slice(1, -1));
    return part === 'any' ? `${JSON_CHARACTER}*` : JSON_CHARACTER;
  });
  return `(?:^|[\\[,:])\\s*"${body.join('')}"\\s*(?:[,}\\]]|$)`;
}

/** Longer than this, a list of conditions or values is laid out over lines. */
const LINE = 100;

/**
 * Renders one query: lambda variables are numbered so that nested ones never shadow each other. Laid out for a
 * person to read: a CASE's arms one a line, long ANDs, ORs and IN lists over lines, each nested level indented by
 * two more spaces. Line breaks are written between pieces, never into text already rendered (a literal may hold one).
 */
export class SqlWriter {
  private variables = 0;
  /** The indentation, in levels of two spaces, of the line the text being rendered starts on. */
  private depth = 0;

  constructor(readonly dialect: Dialect) {}

  /** What `render` writes on a line `depth` levels in. */
  at<T>(depth: number, render: () => T): T {
    const outer = this.depth;
    this.depth = depth;
    try {
      return render();
    } finally {
      this.depth = outer;
    }
  }

  private variable(): string {
    return `v${++this.variables}`;
  }

  /** A line break to the current level, or `more` levels deeper. */
  private br(more = 0): string {
    return `\n${'  '.repeat(this.depth + more)}`;
  }

  /** What `render` writes one level deeper than the text around it. */
  private deeper<T>(render: () => T): T {
    return this.at(this.depth + 1, render);
  }

  /** Items joined by `separator` on one line when short, else one a line between `open` and `close`. */
  private lines(open: string, items: readonly string[], separator: string, close: string): string {
    const flat = items.join(separator);
    if (flat.length <= LINE && !flat.includes('\n')) return `${open}${flat}${close}`;
    return `${open}${this.br(1)}${items.join(`${this.br(1)}${separator.trimStart()}`)}${this.br()}${close}`;
  }

  /** Values in a list, as many a line as fit. */
  private valueList(values: readonly string[]): string {
    if (values.join(', ').length <= LINE) return `(${values.join(', ')})`;
    const rows: string[] = [];
    for (const value of values) {
      const last = rows.length - 1;
      if (last >= 0 && rows[last]!.length + value.length + 2 <= LINE) rows[last] += `, ${value}`;
      else rows.push(value);
    }
    return `(${this.br(1)}${rows.join(`,${this.br(1)}`)}${this.br()})`;
  }

  expr(e: Expr): string {
    const f = this.dialect.functions;
    switch (e.k) {
      case 'literal':
        return sqlString(e.value);
      case 'text':
        return this.text(e.path);
      case 'coalesce':
        return `COALESCE(${e.args.map((a) => this.expr(a)).join(', ')})`;
      case 'nonEmpty':
        return `NULLIF(${this.expr(e.arg)}, '')`;
      case 'concat':
        return `(${e.args.map((a) => this.expr(a)).join(' || ')})`;
      case 'afterLastSlash':
        return f.regexExtract(this.expr(e.arg), sqlString('[^/]*\\z'));
      case 'hour': {
        const time = this.expr(e.arg);
        const starts = f.regexMatches(time, sqlString('^\\d{4}-\\d{2}-\\d{2}T\\d{2}'));
        return `CASE WHEN ${starts} THEN substr(${time}, 1, 13) || ':00Z' ELSE '' END`;
      }
      case 'case': {
        const arms = this.deeper(() => [
          ...e.whens.map(([when, then]) => `WHEN ${this.predicate(when)} THEN ${this.expr(then)}`),
          ...(e.otherwise ? [`ELSE ${this.expr(e.otherwise)}`] : []),
        ]);
        return `CASE${arms.map((arm) => `${this.br(1)}${arm}`).join('')}${this.br()}END`;
      }
    }
  }

  /** The string at a path through objects, as the view's summaries read it. */
  private text(path: readonly string[]): string {
    const access = accessOf(this.dialect, path);
    if (access.k === 'single') return access.sql;
    if (access.k === 'json' && access.keys.length > 0) return this.dialect.functions.jsonStringAt(access.json, access.keys);
    return notExpressible(`${path.join('.')} is not text`);
  }

  predicate(p: Predicate): string {
    switch (p.k) {
      case 'const':
        return p.value ? 'TRUE' : 'FALSE';
      case 'and':
      case 'or': {
        const operands = this.deeper(() => p.operands.map((o) => this.predicate(o)));
        return this.lines('(', operands, p.k === 'and' ? ' AND ' : ' OR ', ')');
      }
      case 'not':
        // IS NULL is never unknown.
        if (p.operand.k === 'isNull') return `${this.expr(p.operand.expr)} IS NOT NULL`;
        return `NOT COALESCE(${this.predicate(p.operand)}, FALSE)`;
      case 'atLeast':
        return `(${p.operands.map((o) => `CASE WHEN ${this.predicate(o)} THEN 1 ELSE 0 END`).join(' + ')}) >= ${p.n}`;
      case 'test':
        return this.test(this.expr(p.expr), p.test);
      case 'isNull':
        return `${this.expr(p.expr)} IS NULL`;
      case 'in':
        return p.values.length === 1
          ? `${this.expr(p.expr)} = ${sqlString(p.values[0]!)}`
          : `${this.expr(p.expr)} IN ${this.valueList(p.values.map(sqlString))}`;
      case 'time':
        return `${this.eventTime()} ${p.op} ${this.dialect.functions.timeLiteral(p.ms)}`;
      case 'some':
        return this.some(p.values, (text) => this.test(text, p.test));
      case 'exists':
      case 'notNull':
      case 'absentOrNull':
        return this.presence(p.k, p.values);
      case 'touches':
        return this.touches(p.parts);
    }
  }

  /**
   * `resource:`: an ARN of resources, tested as a list; a string value anywhere in the request or response, found
   * by a regular expression on their JSON text (see jsonValueRegex). CloudTrail Lake keeps them as maps of texts
   * whose nested objects are JSON text of their own, and is refused rather than half-matched.
   */
  private touches(parts: readonly LikePart[]): string {
    const arns = this.some({ path: ['resources', 'ARN'] }, (v) => this.test(v, { k: 'like', parts, cased: true }));
    const pattern = sqlString(jsonValueRegex(parts));
    const values = TOUCHING_COLUMNS.map((field) => {
      const access = accessOf(this.dialect, [field]);
      if (access.k !== 'json' || access.keys.length > 0)
        return notExpressible(
          `resource: reads any string in ${field}, which CloudTrail Lake keeps as a map of texts (nested values as JSON text)`,
        );
      return this.dialect.functions.regexMatches(access.json, pattern);
    });
    return `(${[arns, ...values].join(' OR ')})`;
  }

  /** eventTime as a timestamp, NULL when it is not one. */
  eventTime(): string {
    const stored = this.dialect.columns['eventtime']!;
    return stored.kind === 'timestamp' ? 'eventtime' : this.dialect.functions.parseTime('eventtime');
  }

  /** Whether some text a field reaches passes a test. */
  private some(values: RecordValues, test: (text: string) => string): string {
    const access = this.valuesAccess(values);
    const f = this.dialect.functions;
    if (access.k === 'single') return test(access.sql);
    const v = this.variable();
    if (access.k === 'list') return `${f.size(f.filter(access.sql, f.lambda(v, test(v))))} > 0`;
    return `${f.size(f.filter(this.candidates(access), f.lambda(v, test(f.jsonText(v)))))} > 0`;
  }

  private presence(kind: 'exists' | 'notNull' | 'absentOrNull', values: RecordValues): string {
    const access = accessOf(this.dialect, values.path);
    const f = this.dialect.functions;
    if (access.k === 'single' || access.k === 'whole')
      return kind === 'absentOrNull' ? `${access.sql} IS NULL` : `${access.sql} IS NOT NULL`;
    const count = (list: string, condition: (v: string) => string) => {
      const v = this.variable();
      return f.size(f.filter(list, f.lambda(v, condition(v))));
    };
    // A list of structs holds a null field as absent; JSON null is a value, that is null.
    if (access.k === 'list') return `${count(access.sql, (v) => `${v} IS NOT NULL`)} ${kind === 'absentOrNull' ? '= 0' : '> 0'}`;
    const reached = this.reached(access);
    if (kind === 'exists') return `${f.size(reached)} > 0`;
    if (kind === 'notNull') return `${count(reached, (v) => `NOT (${f.isJsonNull(v)})`)} > 0`;
    return `(${f.size(reached)} = 0 OR ${count(this.candidates(access), (v) => f.isJsonNull(v))} > 0)`;
  }

  private valuesAccess(values: RecordValues): Exclude<Access, { k: 'whole' }> {
    const access = accessOf(this.dialect, values.path);
    if (access.k === 'whole')
      return notExpressible(`${values.path.join('.')} is kept whole in the table: a rule can only ask whether it is there`);
    return access;
  }

  /** The JSON values a path reaches, walking arrays element by element on the way (never NULL). */
  private reached(access: Extract<Access, { k: 'json' }>): string {
    const f = this.dialect.functions;
    let list = f.array([f.parseJson(access.json)]);
    for (const key of access.keys) {
      const v = this.variable();
      const e = this.variable();
      const each = f.transform(f.jsonElements(v), f.lambda(e, f.jsonMember(e, key)));
      const step = `CASE WHEN ${f.isJsonArray(v)} THEN ${each} ELSE ${f.array([f.jsonMember(v, key)])} END`;
      list = f.flatten(f.transform(list, f.lambda(v, step)));
    }
    const v = this.variable();
    return f.filter(list, f.lambda(v, `${v} IS NOT NULL`));
  }

  /** What a rule's value is compared with: each value reached, and each element of one that is an array. */
  private candidates(access: Extract<Access, { k: 'json' }>): string {
    const f = this.dialect.functions;
    const v = this.variable();
    const withElements = `CASE WHEN ${f.isJsonArray(v)} THEN ${f.concatLists(f.array([v]), f.jsonElements(v))} ELSE ${f.array([v])} END`;
    return f.flatten(f.transform(this.reached(access), f.lambda(v, withElements)));
  }

  /** The first value a path reaches other than null, as text: what a correlation groups and counts by. */
  firstText(values: RecordValues): string {
    const access = this.valuesAccess(values);
    const f = this.dialect.functions;
    if (access.k === 'single') return access.sql;
    const v = this.variable();
    if (access.k === 'list') return f.first(f.filter(access.sql, f.lambda(v, `${v} IS NOT NULL`)));
    return f.jsonText(f.first(f.filter(this.reached(access), f.lambda(v, `NOT (${f.isJsonNull(v)})`))));
  }

  test(value: string, test: TextTest): string {
    switch (test.k) {
      case 'any':
        return this.anyTest(value, test.tests);
      case 'like': {
        const subject = test.cased ? value : `lower(${value})`;
        const parts = test.cased ? test.parts : lowerParts(test.parts);
        if (!hasWildcard(parts)) return `${subject} = ${sqlString(literalOf(parts))}`;
        // `*` alone: any text at all.
        if (parts.every((part) => part === 'any')) return `${value} IS NOT NULL`;
        return `${subject} LIKE ${sqlString(likeText(parts))} ESCAPE '\\'`;
      }
      case 'regex':
        return this.dialect.functions.regexMatches(value, sqlString(test.source));
      case 'ipv4':
        return this.ipv4(value, test.lo, test.hi);
      case 'number': {
        const numeric = this.dialect.functions.regexMatches(`trim(${value})`, sqlString('^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\z'));
        return `(${numeric} AND TRY_CAST(trim(${value}) AS DOUBLE) ${test.op} ${test.bound})`;
      }
      case 'field':
        return this.some(test.other, (other) => this.fieldCompare(value, other, test.shape, test.cased));
    }
  }

  /** Any of several tests; values compared whole, case alike, read as one IN list. */
  private anyTest(value: string, tests: readonly TextTest[]): string {
    const plain = (cased: boolean) =>
      tests.filter((t): t is Extract<TextTest, { k: 'like' }> => t.k === 'like' && t.cased === cased && !hasWildcard(t.parts));
    const lists = [false, true].flatMap((cased) => {
      const equal = plain(cased).map((t) => literalOf(cased ? t.parts : lowerParts(t.parts)));
      if (equal.length < 2) return [];
      return [
        { tests: plain(cased), sql: `${cased ? value : `lower(${value})`} IN ${this.valueList([...new Set(equal)].map(sqlString))}` },
      ];
    });
    const listed = new Set(lists.flatMap((l) => l.tests));
    const parts = [...lists.map((l) => l.sql), ...tests.filter((t) => !listed.has(t as never)).map((t) => this.test(value, t))];
    return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
  }

  private fieldCompare(value: string, other: string, shape: string, cased: boolean): string {
    const [s, r] = cased ? [value, other] : [`lower(${value})`, `lower(${other})`];
    if (shape === 'equals') return `${s} = ${r}`;
    if (shape === 'startswith') return `starts_with(${s}, ${r})`;
    if (shape === 'contains') return `strpos(${s}, ${r}) > 0`;
    return `(length(${s}) >= length(${r}) AND substr(${s}, length(${s}) - length(${r}) + 1) = ${r})`;
  }

  private ipv4(value: string, lo: number, hi: number): string {
    const f = this.dialect.functions;
    const shape = f.regexMatches(value, sqlString('^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\z'));
    const octets = [1, 2, 3, 4].map((i) => `TRY_CAST(split_part(${value}, '.', ${i}) AS BIGINT)`);
    const each = octets.map((o) => `${o} <= 255`).join(' AND ');
    const number = `(${octets[0]} * 16777216 + ${octets[1]} * 65536 + ${octets[2]} * 256 + ${octets[3]})`;
    return `(${shape} AND ${each} AND ${number} BETWEEN ${lo} AND ${hi})`;
  }
}
