/**
 * A reading thread (bundled as server/out/readWorker.js): takes jobs from the main thread, parses them
 * (readJobs.ts), asks the rules it was started with about each record, and answers with the records' rows, moved rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileReadRules } from '../detections/compileRules';
import { type ReadJob, runJob } from './readJobs';
import type { WorkerData, WorkerReply } from './readerPool';
import { errorText } from '../../../common/errorText';

// The same rules as the main thread's, compiled from the same files as read: findings name rules by index.
const spec = (workerData as WorkerData | undefined)?.rules;
const rules = spec
  ? compileReadRules(spec.reads, { minLevel: spec.minLevel, placeholders: spec.placeholders, exclude: spec.exclude }).set
  : undefined;

parentPort?.on('message', (message: { id: number; job: ReadJob }) => {
  const { id, job } = message;
  // Files are read with blocking calls: this thread has nothing else to do meanwhile.
  runJob(job, rules, true).then(
    (value) => {
      const rows = 'rows' in value ? value.rows : 'parsed' in value ? value.parsed.rows : undefined;
      const buffers = rows ? [rows.rows.buffer as ArrayBuffer, rows.touched.buffer as ArrayBuffer] : [];
      parentPort!.postMessage({ id, value } satisfies WorkerReply, buffers);
    },
    (error: unknown) => parentPort!.postMessage({ id, error: errorText(error) } satisfies WorkerReply),
  );
});
