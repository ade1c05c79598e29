/** The `cloudtrail.*` settings the server reads, fetched per document and kept until they change. */
import { type IgnoredCodes, NO_IGNORED, readIgnoredCodes, unknownCodesNote } from '../languageService';

export interface Settings {
  readonly validateEnable: boolean;
  readonly maxProblems: number;
  /** `cloudtrail.problems.ignore`: codes whose problems are not shown. */
  readonly ignoredProblems: IgnoredCodes;
}

export const DEFAULT_SETTINGS: Settings = { validateEnable: true, maxProblems: 500, ignoredProblems: NO_IGNORED };

interface RawSettings {
  validate?: { enable?: unknown };
  maxProblems?: unknown;
  problems?: { ignore?: unknown };
}

/** Reads what the client sent, keeping defaults for anything missing or of the wrong type; `note` hears of entries left out. */
function readSettings(raw: unknown, note: (message: string) => void): Settings {
  const r = (raw ?? {}) as RawSettings;
  const enable = r.validate?.enable;
  const max = r.maxProblems;
  const ignore = readIgnoredCodes(r.problems?.ignore);
  if (ignore.unknown.length > 0) note(unknownCodesNote(ignore.unknown));
  return {
    validateEnable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.validateEnable,
    maxProblems: typeof max === 'number' && Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_SETTINGS.maxProblems,
    ignoredProblems: ignore.codes,
  };
}

export class SettingsStore {
  /** Whether the client can answer workspace/configuration; without it, defaults apply. */
  enabled = false;
  private readonly byUri = new Map<string, Promise<Settings>>();
  /** The last note written: every document reads the same settings, and one note is enough. */
  private noted = '';

  /** `note` writes to the output channel. */
  constructor(
    private readonly fetch: (uri: string) => Promise<unknown>,
    private readonly note: (message: string) => void = () => {},
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.enabled) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.byUri.get(uri);
    if (!settings) {
      // A client that fails to answer gets the defaults rather than no validation.
      settings = this.fetch(uri).then(
        (raw) => readSettings(raw, (message) => this.noteOnce(message)),
        () => DEFAULT_SETTINGS,
      );
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  private noteOnce(message: string): void {
    if (message === this.noted) return;
    this.noted = message;
    this.note(message);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
