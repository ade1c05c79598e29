/**
 * What the client knows of files on disk that VS Code may not share: each file's probe, kept while the file
 * is unchanged; what the gzip editor learnt by trying; and the files the user said are logs.
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LargeFile } from './largeFile';
import { type Probe, probeFile } from './probe';

/** Probes kept; the oldest goes first. */
const KEPT = 64;

interface Known {
  readonly stamp: string;
  readonly probe: Probe;
}

export class FileProbes implements vscode.Disposable {
  private readonly known = new Map<string, Known>();
  private readonly forced = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** A probe was corrected, or a file was said to be a log: what the view follows may have changed. */
  readonly onDidChange = this.changed.event;

  dispose(): void {
    this.changed.dispose();
  }

  /** The file's probe; undefined for a resource that is not a file on disk. */
  async probe(uri: vscode.Uri): Promise<Probe | undefined> {
    if (uri.scheme !== 'file') return undefined;
    const stamp = await stampOf(uri.fsPath);
    const known = this.known.get(uri.toString());
    if (known && known.stamp === stamp) return known.probe;
    const probe = await probeFile(uri.fsPath);
    this.keep(uri.toString(), stamp, probe);
    return probe;
  }

  /** Trying showed the file is larger than its probe said (a gzip trailer holds only its last member's size, modulo 4 GiB). */
  async markLarge(uri: vscode.Uri, file: LargeFile): Promise<void> {
    this.keep(uri.toString(), await stampOf(uri.fsPath), { kind: 'large', file });
    this.changed.fire();
  }

  /** The user said the file is a CloudTrail log, whatever its name and start. */
  force(uri: vscode.Uri): void {
    this.forced.add(uri.toString());
    this.changed.fire();
  }

  isForced(uri: vscode.Uri): boolean {
    return this.forced.has(uri.toString());
  }

  private keep(uri: string, stamp: string, probe: Probe): void {
    this.known.delete(uri);
    this.known.set(uri, { stamp, probe });
    if (this.known.size > KEPT) this.known.delete(this.known.keys().next().value!);
  }
}

/** Size and modification time: a file that changed on disk is probed again. */
async function stampOf(path: string): Promise<string> {
  try {
    const { size, mtimeMs } = await stat(path);
    return `${size}:${mtimeMs}`;
  } catch {
    return 'missing';
  }
}
