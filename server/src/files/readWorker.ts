/**
 * A reading thread (bundled as server/out/readWorker.js): takes jobs from the main thread, parses them
 * (readJobs.ts) and answers with the records' rows, moved rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { type ReadJob, runJob } from './readJobs';
import type { WorkerReply } from './readerPool';

parentPort?.on('message', (message: { id: number; job: ReadJob }) => {
  const { id, job } = message;
  runJob(job).then(
    (value) => {
      const rows = 'rows' in value ? value.rows.rows : value.parsed.rows.rows;
      parentPort!.postMessage({ id, value } satisfies WorkerReply, [rows.buffer as ArrayBuffer]);
    },
    (error: unknown) =>
      parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
