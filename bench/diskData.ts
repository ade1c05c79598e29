/**
 * The logs the disk rows of the bench read, generated once (seeded) and cached outside the repository:
 * a folder of delivered `.json.gz` logs in CloudTrail's AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
 * layout, about 1 MB of minified JSON each, and one large export, as a one-line `{"Records":[...]}` `.json`,
 * the same gzipped, and the same records as JSON Lines; and, in a cache of its own, a folder of 100,000 small
 * files of one record each. A manifest beside them keeps the true count of every (eventName, eventSource),
 * which each tool's answer is checked against. The export is made a second time, as `.json` only, in the generator's
 * realistic profile (many callers, keys, addresses, agents and parameters): memory depends on how many distinct values
 * the records carry.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { type Cardinality, generateLog } from '../test/support/generateLog';
import { Dice } from '../test/support/random';

const MB = 1024 * 1024;
/** Bumped when what is generated changes, so an old cache is regenerated. */
const LAYOUT_VERSION = 2;
const ACCOUNT = '111122223333';
const FOLDER_REGIONS = ['us-east-1', 'eu-west-1'];
/** The export is written in pieces of this size, each a seeded log of its own: no one string holds it all. */
const EXPORT_PIECE = 8 * MB;

/** How many records there are of each `eventName|eventSource`. */
export type Counts = Record<string, number>;

export interface DiskInput {
  /** How the table names the row. */
  readonly label: string;
  /** What the server is asked to open: the folder, or the file. */
  readonly path: string;
  /** The files every tool reads, in the order they are handed to it. */
  readonly files: readonly string[];
  readonly gzipped: boolean;
  /** `records`: `{"Records":[...]}`; `lines`: one record per line. */
  readonly shape: 'records' | 'lines';
  /** Bytes of JSON, once decompressed, in all and in the largest file. */
  readonly jsonBytes: number;
  readonly largestFileBytes: number;
  readonly records: number;
  readonly counts: Counts;
  /** Only our server reads it, and why the other tools do not. */
  readonly oursOnly?: string;
}

interface Manifest {
  readonly version: number;
  readonly inputs: DiskInput[];
}

export function countKey(eventName: string, eventSource: string): string {
  return `${eventName}|${eventSource}`;
}

function addCounts(into: Counts, records: readonly { eventName?: unknown; eventSource?: unknown }[]): void {
  for (const r of records) {
    const key = countKey(String(r.eventName), String(r.eventSource));
    into[key] = (into[key] ?? 0) + 1;
  }
}

/** A delivered log's path: <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 characters>.json.gz, under its day. */
function deliveredPath(root: string, region: string, minutes: number, dice: Dice): string {
  const at = new Date(Date.UTC(2024, 2, 5) + minutes * 60_000);
  const [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()].map((n) => String(n).padStart(2, '0'));
  const stamp = `${y}${m}${d}T${String(at.getUTCHours()).padStart(2, '0')}${String(at.getUTCMinutes()).padStart(2, '0')}Z`;
  const dir = path.join(root, 'AWSLogs', ACCOUNT, 'CloudTrail', region, y!, m!, d!);
  return path.join(dir, `${ACCOUNT}_CloudTrail_${region}_${stamp}_${dice.alnum(16)}.json.gz`);
}

function writeFolder(root: string, files: number): DiskInput {
  const dice = new Dice(7);
  const counts: Counts = {};
  const paths: string[] = [];
  let jsonBytes = 0;
  let largestFileBytes = 0;
  let records = 0;
  for (let i = 0; i < files; i++) {
    // Regions take turns; each region delivers a file every five minutes.
    const region = FOLDER_REGIONS[i % FOLDER_REGIONS.length]!;
    const file = deliveredPath(root, region, 5 * Math.floor(i / FOLDER_REGIONS.length), dice);
    const text = generateLog({ seed: 100 + i, targetBytes: MB });
    const parsed = (JSON.parse(text) as { Records: { eventName: string; eventSource: string }[] }).Records;
    addCounts(counts, parsed);
    records += parsed.length;
    jsonBytes += Buffer.byteLength(text);
    largestFileBytes = Math.max(largestFileBytes, Buffer.byteLength(text));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, gzipSync(text));
    paths.push(file);
  }
  paths.sort();
  const label = `${files} delivered .json.gz (folder)`;
  return { label, path: root, files: paths, gzipped: true, shape: 'records', jsonBytes, largestFileBytes, records, counts };
}

/**
 * The export as `{"Records":[...]}` on one line and as JSON Lines, written a piece at a time, then the first gzipped;
 * in the realistic profile, the first alone.
 */
async function writeExport(dir: string, targetMB: number, cardinality: Cardinality = 'default'): Promise<DiskInput[]> {
  const realistic = cardinality === 'realistic';
  const json = path.join(dir, 'export.json');
  const lines = path.join(dir, 'export.jsonl');
  const jsonOut = createWriteStream(json);
  const linesOut = createWriteStream(lines);
  const write = (stream: NodeJS.WritableStream, text: string): Promise<void> =>
    new Promise((resolve) => (stream.write(text) ? resolve() : stream.once('drain', resolve)));
  const counts: Counts = {};
  let records = 0;
  let jsonBytes = 0;
  let linesBytes = 0;
  await write(jsonOut, '{"Records":[');
  for (let piece = 0; jsonBytes < targetMB * MB; piece++) {
    const text = generateLog({ seed: 10_000 + piece, targetBytes: Math.min(EXPORT_PIECE, targetMB * MB), cardinality });
    const parsed = (JSON.parse(text) as { Records: { eventName: string; eventSource: string }[] }).Records;
    addCounts(counts, parsed);
    records += parsed.length;
    const inner = text.slice('{"Records":['.length, -']}'.length);
    const joined = (piece > 0 ? ',' : '') + inner;
    jsonBytes += Buffer.byteLength(joined);
    await write(jsonOut, joined);
    if (realistic) continue;
    const asLines = `${parsed.map((r) => JSON.stringify(r)).join('\n')}\n`;
    linesBytes += Buffer.byteLength(asLines);
    await write(linesOut, asLines);
  }
  await write(jsonOut, ']}');
  jsonBytes += '{"Records":[]}'.length;
  await Promise.all([jsonOut, linesOut].map((s) => new Promise((resolve) => s.end(resolve))));
  const size = `${Math.round(jsonBytes / MB)} MB`;
  const wrapped = { shape: 'records', jsonBytes, largestFileBytes: jsonBytes, records, counts } as const;
  if (realistic) {
    rmSync(lines);
    return [{ label: `${size} export .json, realistic cardinality`, path: json, files: [json], gzipped: false, ...wrapped }];
  }
  await pipeline(createReadStream(json), createGzip(), createWriteStream(`${json}.gz`));
  return [
    { label: `${size} export .json`, path: json, files: [json], gzipped: false, ...wrapped },
    { label: `${size} export .json.gz`, path: `${json}.gz`, files: [`${json}.gz`], gzipped: true, ...wrapped },
    {
      label: `${size} export .jsonl`,
      path: lines,
      files: [lines],
      gzipped: false,
      shape: 'lines',
      jsonBytes: linesBytes,
      largestFileBytes: linesBytes,
      records,
      counts,
    },
  ];
}

/** Small files put in one folder, at most: a day's folder of a busy trail holds some thousands. */
const FILES_PER_FOLDER = 1000;

/**
 * A folder of `files` small `.json.gz` logs of one record each (a trail of many regions and accounts, or an
 * S3 sync of a busy day), a thousand to a folder. The records come from seeded logs of a thousand, one a file.
 */
function writeManyFiles(root: string, files: number): DiskInput {
  const counts: Counts = {};
  const paths: string[] = [];
  let jsonBytes = 0;
  let largestFileBytes = 0;
  for (let i = 0; i < files; i += FILES_PER_FOLDER) {
    const dir = path.join(
      root,
      'AWSLogs',
      ACCOUNT,
      'CloudTrail',
      'us-east-1',
      '2024',
      '03',
      `part${String(i / FILES_PER_FOLDER).padStart(3, '0')}`,
    );
    mkdirSync(dir, { recursive: true });
    const log = JSON.parse(generateLog({ seed: 50_000 + i, records: Math.min(FILES_PER_FOLDER, files - i) })) as {
      Records: { eventName: string; eventSource: string }[];
    };
    addCounts(counts, log.Records);
    log.Records.forEach((record, k) => {
      const text = JSON.stringify({ Records: [record] });
      jsonBytes += Buffer.byteLength(text);
      largestFileBytes = Math.max(largestFileBytes, Buffer.byteLength(text));
      const file = path.join(dir, `${ACCOUNT}_CloudTrail_us-east-1_${String(i + k).padStart(6, '0')}.json.gz`);
      writeFileSync(file, gzipSync(text));
      paths.push(file);
    });
  }
  const label = `${files} small .json.gz (folder)`;
  const why = 'ours only: so many file names do not fit one command line';
  return {
    label,
    path: root,
    files: paths,
    gzipped: true,
    shape: 'records',
    jsonBytes,
    largestFileBytes,
    records: files,
    counts,
    oursOnly: why,
  };
}

/** Inputs kept in `dir` with a manifest: read back when all there, else generated by `write`. */
async function cached(dir: string, what: string, write: () => Promise<DiskInput[]>): Promise<DiskInput[]> {
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.version === LAYOUT_VERSION && manifest.inputs.every((i) => i.files.every((f) => existsSync(f)))) return manifest.inputs;
  }
  process.stdout.write(`generating ${what} in ${dir} (once)\n`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const inputs = await write();
  writeFileSync(manifestPath, JSON.stringify({ version: LAYOUT_VERSION, inputs } satisfies Manifest));
  return inputs;
}

/**
 * Which inputs: the delivered folder and the export (`main`), the export in the realistic profile after the
 * export's .json (`realistic`, with `main`), the folder of small files (`many`).
 */
export interface InputSets {
  readonly main?: boolean;
  readonly realistic?: boolean;
  readonly many?: boolean;
}

/**
 * The inputs at this scale (1: 200 files of the folder and a 600 MB export; 100,000 small files), generated
 * when missing; by default the first two.
 */
export async function diskInputs(scale: number, cacheRoot?: string, sets: InputSets = { main: true }): Promise<DiskInput[]> {
  const folderFiles = Math.max(1, Math.round(200 * scale));
  const exportMB = Math.max(1, Math.round(600 * scale));
  const smallFiles = Math.max(1, Math.round(100_000 * scale));
  const cache = cacheRoot ?? path.join(homedir(), '.cache', 'cloudtrail-lens');
  const main = path.join(cache, `bench-disk-${folderFiles}-${exportMB}`);
  const many = path.join(cache, `bench-disk-small-${smallFiles}`);
  const realistic = path.join(cache, `bench-disk-realistic-${exportMB}`);
  const inputs: DiskInput[] = [];
  if (sets.main) {
    inputs.push(
      ...(await cached(main, `${folderFiles} delivered logs and a ${exportMB} MB export`, async () => [
        writeFolder(path.join(main, 'folder'), folderFiles),
        ...(await writeExport(main, exportMB)),
      ])),
    );
  }
  if (sets.main && sets.realistic) {
    // Beside the export's .json row, the same size in the realistic profile.
    const [realisticExport] = await cached(realistic, `a ${exportMB} MB export of realistic cardinality`, () =>
      writeExport(realistic, exportMB, 'realistic'),
    );
    inputs.splice(inputs.findIndex((i) => i.path.endsWith('export.json')) + 1, 0, realisticExport!);
  }
  if (sets.many)
    inputs.push(
      ...(await cached(many, `${smallFiles} small logs`, () => Promise.resolve([writeManyFiles(path.join(many, 'folder'), smallFiles)]))),
    );
  return inputs;
}
