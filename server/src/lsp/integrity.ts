/**
 * cloudtrail/verifyIntegrity: an evidence folder checked against its digests, with the keys of the file the
 * request names, else of `cloudtrail.integrity.publicKeys` (a user setting in an untrusted workspace: the workspace
 * cannot point it anywhere). Only `file:` URIs are read.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver';
import {
  integrityCounts,
  type IntegrityCounts,
  type VerifyIntegrityParams,
  type VerifyIntegrityResult,
} from '../../../common/integrityProtocol';
import type { LanguageService, ServerSettings } from '../languageService';
import { resolveRulePath } from './detectionRules';

export interface IntegrityHost {
  readonly service: LanguageService;
  settings(uri: string): Promise<ServerSettings>;
  workspaceFolders(): readonly string[];
  /** Writes to the output channel. */
  note(message: string): void;
}

const pathOf = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

/** The answer to one request; null when cancelled, or when the folder is not a folder on disk. */
export async function verifyIntegrity(
  host: IntegrityHost,
  params: VerifyIntegrityParams,
  token?: CancellationToken,
): Promise<VerifyIntegrityResult | null> {
  const folder = typeof params.folder === 'string' ? pathOf(params.folder) : undefined;
  if (
    !folder ||
    !(await stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return null;
  const written = (await host.settings(params.folder)).publicKeys;
  const keys =
    typeof params.publicKeys === 'string' ? pathOf(params.publicKeys) : written && resolveRulePath(written, host.workspaceFolders());
  const isCancelled = () => token?.isCancellationRequested === true;
  const result = await host.service.verifyIntegrity(folder, keys, { isCancelled, note: (message) => host.note(message) });
  return result ?? null;
}

/** Folders whose last check is kept for the investigation report, at most. */
const KEPT = 10;

/** The last integrity check of each folder, as counts, for the report of that folder (bounded: the oldest goes first). */
export class IntegrityChecks {
  private readonly last = new Map<string, IntegrityCounts>();

  remember(folder: string, result: VerifyIntegrityResult | null): VerifyIntegrityResult | null {
    if (!result) return result;
    this.last.delete(folder);
    this.last.set(folder, integrityCounts(result));
    if (this.last.size > KEPT) this.last.delete(this.last.keys().next().value!);
    return result;
  }

  counts(folder: string): IntegrityCounts | undefined {
    return this.last.get(folder);
  }
}
