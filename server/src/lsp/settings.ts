/** The `cloudtrail.*` settings the server reads, fetched per document and kept until they change. */

export interface Settings {
  readonly validateEnable: boolean;
  readonly maxProblems: number;
}

export const DEFAULT_SETTINGS: Settings = { validateEnable: true, maxProblems: 500 };

interface RawSettings {
  validate?: { enable?: unknown };
  maxProblems?: unknown;
}

/** Reads what the client sent, keeping defaults for anything missing or of the wrong type. */
function readSettings(raw: unknown): Settings {
  const r = (raw ?? {}) as RawSettings;
  const enable = r.validate?.enable;
  const max = r.maxProblems;
  return {
    validateEnable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.validateEnable,
    maxProblems: typeof max === 'number' && Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_SETTINGS.maxProblems,
  };
}

export class SettingsStore {
  /** Whether the client can answer workspace/configuration; without it, defaults apply. */
  enabled = false;
  private readonly byUri = new Map<string, Promise<Settings>>();

  constructor(private readonly fetch: (uri: string) => Promise<unknown>) {}

  get(uri: string): Promise<Settings> {
    if (!this.enabled) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.byUri.get(uri);
    if (!settings) {
      // A client that fails to answer gets the defaults rather than no validation.
      settings = this.fetch(uri).then(readSettings, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
