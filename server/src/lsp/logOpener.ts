/**
 * cloudtrail/openLog and cloudtrail/closeLog (and their first names, openFolder and closeFolder): a folder, or one
 * file, read from disk into the events view on the reading threads, with progress, cancellation, and, for a file
 * read on its own, its problems published as an open document's would be (an open document of the same URI has its
 * own, and wins).
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CancellationToken, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { FolderProgressParams, OpenLogResult } from '../../../common/protocol';
import type { DetectionRulesLoaded, LanguageService, ServerSettings } from '../languageService';
import { placedRange, toFindingDiagnostic, toPlacedDiagnostic } from './convert';
import type { ShownLogs } from './shownLogs';
import { errorText } from '../../../common/errorText';

export interface LogOpenerHost {
  readonly service: LanguageService;
  readonly shownLogs: ShownLogs;
  /** Whether the editor has the URI open as a document. */
  isOpen(uri: string): boolean;
  settings(uri: string): Promise<ServerSettings>;
  /** The rules in force: a read asks them about every record. */
  rules(): Promise<DetectionRulesLoaded>;
  publish(params: PublishDiagnosticsParams): Promise<void>;
  progress(params: FolderProgressParams): void;
}

/** One read from disk: where, and on which threads (which carry the rules they ask). */
interface LogToRead {
  readonly uri: string;
  readonly path: string;
  readonly runner: ReturnType<LanguageService['readerThreads']>;
  readonly isCancelled: () => boolean;
}

/** Byte progress is sent at most this often, or at each hundredth of the file. */
const PROGRESS_MS = 100;

/** A folder's progress is sent at most this often, and when the last file is read: 100,000 small files are not 100,000 messages. */
const FILES_PROGRESS_MS = 250;

export class LogOpener {
  constructor(private readonly host: LogOpenerHost) {}

  /** Reads a folder or a file; null when cancelled. */
  async open(uri: string, token?: CancellationToken, again = false): Promise<OpenLogResult | null> {
    const path = fileURLToPath(uri);
    const info = await stat(path).catch((error: unknown) => ({ unreadable: errorText(error) }));
    if ('unreadable' in info) return { files: 0, records: 0, failed: [{ uri, message: `Cannot read ${path}: ${info.unreadable}` }] };
    const runner = this.host.service.readerThreads(info.isFile() ? info.size : undefined, await this.host.rules());
    // Cancelling stops the threads at once: what they were doing is dropped with them.
    const cancelling = token?.onCancellationRequested(() => runner.close());
    try {
      // Read again for new rules: dropped meanwhile (the client closed it), it stays dropped.
      const isCancelled = () => token?.isCancellationRequested === true || (again && !this.host.shownLogs.shows(uri));
      const read = { uri, path, runner, isCancelled };
      return await (info.isFile() ? this.openFile(read) : this.openFolder(read));
    } catch (error) {
      if (token?.isCancellationRequested === true) return null;
      // A read that fails says why, rather than looking cancelled.
      const message = errorText(error);
      return { files: info.isFile() ? 1 : 0, records: 0, failed: [{ uri, message: `Cannot read ${path}: ${message}` }] };
    } finally {
      cancelling?.dispose();
      runner.close();
    }
  }

  private async openFile({ uri, path, runner, isCancelled }: LogToRead): Promise<OpenLogResult | null> {
    let sentAt = 0;
    let sentBytes = 0;
    const onBytes = (done: number, total: number) => {
      const now = Date.now();
      if (done < total && now - sentAt < PROGRESS_MS && done - sentBytes < total / 100) return;
      sentAt = now;
      sentBytes = done;
      this.host.progress({ folder: uri, done, total, unit: 'bytes' });
    };
    const read = await this.host.service.readLogFile(path, { runner, uri, onBytes, isCancelled });
    if (!read || isCancelled()) return null;
    this.host.shownLogs.addFile(uri, read);
    this.host.progress({ folder: uri, done: read.stamp.size, total: read.stamp.size, unit: 'bytes' });
    await this.publish(uri);
    return { files: 1, records: read.records.length, failed: read.errors.map((message) => ({ uri, message })) };
  }

  private async openFolder({ uri, path, runner, isCancelled }: LogToRead): Promise<OpenLogResult | null> {
    let sentAt = 0;
    const onProgress = (done: number, total: number) => {
      const now = Date.now();
      if (done < total && now - sentAt < FILES_PROGRESS_MS) return;
      sentAt = now;
      this.host.progress({ folder: uri, done, total, unit: 'files' });
    };
    const index = await this.host.service.readFolder(path, { runner, isCancelled, onProgress });
    if (!index || isCancelled()) return null;
    this.host.shownLogs.addFolder(uri, index);
    const { files, failed, skipped } = index;
    return { files, records: index.records.length, failed, ...(skipped.length > 0 ? { skipped } : {}) };
  }

  /** The client no longer shows the folder or file: its records go, and a file's problems. */
  close(uri: string): void {
    const wasFile = this.host.shownLogs.file(uri) !== undefined;
    this.host.shownLogs.closeFolder(uri);
    // An open document of the same URI keeps its own problems.
    if (wasFile && !this.host.isOpen(uri)) void this.host.publish({ uri, diagnostics: [] });
  }

  /** Publishes the problems of a file read from disk on its own, unless an open document of that URI has its own. */
  async publish(uri: string): Promise<void> {
    const read = this.host.shownLogs.file(uri);
    if (!read || this.host.isOpen(uri)) return;
    const current = await this.host.settings(uri);
    if (this.host.shownLogs.file(uri) !== read || this.host.isOpen(uri)) return;
    const problems = current.validateEnable
      ? read.problems.limited(current.maxProblems, current.ignoredProblems).map(toPlacedDiagnostic)
      : [];
    // Findings have a limit of their own, as in an open document.
    const findings = (read.detections?.marks(current.maxProblems) ?? []).map((m) =>
      toFindingDiagnostic(uri, placedRange(m.at), m, m.related.map(placedRange)),
    );
    await this.host.publish({ uri, diagnostics: [...problems, ...findings] });
  }

  /** The rules changed: every log read from disk is read again with them, one at a time. */
  async readAllAgain(): Promise<void> {
    for (const uri of this.host.shownLogs.diskUris()) await this.open(uri, undefined, true);
  }

  /** Every file read on its own publishes again (the settings changed). */
  republishAll(): void {
    for (const uri of this.host.shownLogs.fileUris()) void this.publish(uri);
  }
}
