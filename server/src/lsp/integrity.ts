/**
 * cloudtrail/verifyIntegrity: an evidence folder checked against its digests, with the keys of the file the
 * request names, else of `cloudtrail.integrity.publicKeys` (a user setting in an untrusted workspace: the workspace
 * cannot point it anywhere). Only `file:` URIs are read.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CancellationToken } from 'vscode-languageserver';
import type { VerifyIntegrityParams, VerifyIntegrityResult } from '../../../common/integrityProtocol';
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
