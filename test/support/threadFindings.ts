/** A log file read from disk on two reading threads that compile their own rules, as the server reads a folder. */
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../server/src/detections/ruleSet';
import { DiskDetections } from '../../server/src/files/diskDetections';
import { PlaceTable } from '../../server/src/files/diskRecord';
import { readerThreads } from '../../server/src/files/readerPool';
import type { ThreadRules } from '../../server/src/files/readJobs';
import { Interner } from '../../server/src/files/recordColumns';
import { readStreamed } from '../../server/src/files/streamedLog';
import { repoPath } from './paths';

/** The findings of `file` read on the threads, each naming its records by their index in the file. */
export async function findingsOnThreads(rules: ThreadRules, file: string): Promise<Finding<number>[]> {
  const threads = readerThreads(rules, repoPath('server', 'out', 'readWorker.js'), 2);
  try {
    const detections = new DiskDetections(rules.set);
    const base = {
      runner: threads,
      uri: pathToFileURL(file).toString(),
      interner: new Interner(),
      table: new PlaceTable(),
      validate: true,
    };
    const read = await readStreamed(file, { ...base, detections });
    return (read?.detections?.findings() ?? []).map((f) => ({ ...f, records: f.records.map((r) => r.index) }));
  } finally {
    threads.close();
  }
}
