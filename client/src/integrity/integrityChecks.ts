/**
 * CloudTrail: Verify integrity…: a folder's logs and digests checked by the server, the answer shown as the events
 * view's Integrity node, and a diagnostic on the first line of each modified log and broken digest (kept apart from
 * the server's own, in a collection of their own, replaced by each check).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  integrityCounts,
  type IntegrityFile,
  type VerifyIntegrityParams,
  VerifyIntegrityRequest,
  type VerifyIntegrityResult,
} from '../../../common/integrityProtocol';
import { CONFIGURATION_SECTION } from '../../../common/language';
import { orCancelled } from '../cancellation';
import type { EventsView } from '../eventsView/view';
import { showInformation, showWarning, withProgressNotification } from '../notifications';

/** The statuses a diagnostic marks: evidence that was changed or cannot be trusted. */
const MARKED: ReadonlySet<string> = new Set(['logs/modified', 'digests/invalid']);

const FIRST_LINE = new vscode.Range(0, 0, 1, 0);

export class IntegrityChecks implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('cloudtrail-integrity');

  constructor(
    private readonly client: LanguageClient,
    private readonly view: EventsView,
  ) {}

  dispose(): void {
    this.diagnostics.dispose();
  }

  /** Checks `folder` with the keys of `publicKeys` (a file URI; the setting's when absent, then none); the answer, or null. */
  async verify(folder: vscode.Uri, publicKeys?: vscode.Uri): Promise<VerifyIntegrityResult | null> {
    const params: VerifyIntegrityParams = { folder: folder.toString(), ...(publicKeys ? { publicKeys: publicKeys.toString() } : {}) };
    const result = await withProgressNotification('Verifying the folder against its digests', (_report, token) =>
      orCancelled(this.client.sendRequest(VerifyIntegrityRequest, params, token), token),
    );
    if (!result) return null;
    this.mark(result);
    await this.view.model.showIntegrity(folder.toString(), result);
    const { logs, digests, gaps } = integrityCounts(result);
    const said = `Integrity: ${logs.valid} logs valid, ${logs.modified} modified, ${logs.missing} missing; ${digests.invalid + digests.missing} digests broken, ${gaps} gaps.`;
    void (logs.modified + logs.missing + digests.invalid + digests.missing + gaps > 0 ? showWarning(said) : showInformation(said));
    return result;
  }

  /** Whether the setting names a key file (the server reads it itself: this only says whether to ask for one). */
  static keysSet(folder: vscode.Uri): boolean {
    const written = vscode.workspace.getConfiguration(CONFIGURATION_SECTION, folder).get<string>('integrity.publicKeys', '');
    return written.trim() !== '';
  }

  private mark(result: VerifyIntegrityResult): void {
    this.diagnostics.clear();
    const marked = [...result.logs.map((f) => ['logs', f] as const), ...result.digests.map((f) => ['digests', f] as const)].filter(
      ([side, f]) => MARKED.has(`${side}/${f.status}`),
    );
    for (const [side, file] of marked) this.diagnostics.set(vscode.Uri.parse(file.uri), [diagnosticOf(side, file)]);
  }
}

function diagnosticOf(side: 'logs' | 'digests', file: IntegrityFile<string>): vscode.Diagnostic {
  const what = side === 'logs' ? 'This log was changed after CloudTrail delivered it' : 'This digest does not hold up';
  const diagnostic = new vscode.Diagnostic(FIRST_LINE, `${what}: ${file.reason ?? file.status}.`, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'CloudTrail integrity';
  return diagnostic;
}
