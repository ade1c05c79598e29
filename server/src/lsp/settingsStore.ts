/**
 * The `cloudtrail.*` settings, asked of the client once per document (and once for the window) and kept until they
 * change; read into one typed value by the service. Without workspace/configuration, or when the client fails to
 * answer, the defaults apply.
 */
import type { LanguageService, ServerSettings } from '../languageService';

export class SettingsStore {
  /** Whether the client can answer workspace/configuration; without it, defaults apply. */
  enabled = false;
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  /** The window's, unscoped: what applies to every document alike (the rules in force). */
  private ofWindow: Promise<ServerSettings> | undefined;
  /** The last note written: every document reads the same settings, and one note is enough. */
  private noted = '';
  private readonly defaults: ServerSettings;

  /** `fetch` asks the client for the `cloudtrail` section of a document (none: the window's); `note` writes to the output channel. */
  constructor(
    private readonly service: LanguageService,
    private readonly fetch: (uri: string | undefined) => Promise<unknown>,
    private readonly note: (message: string) => void = () => {},
    /** What is read after the settings themselves (the accounts file). */
    private readonly complete: (settings: ServerSettings, note: (message: string) => void) => Promise<ServerSettings> = async (s) => s,
  ) {
    this.defaults = service.readSettings(undefined);
  }

  get(uri: string): Promise<ServerSettings> {
    if (!this.enabled) return Promise.resolve(this.defaults);
    let settings = this.byUri.get(uri);
    if (!settings) this.byUri.set(uri, (settings = this.read(uri)));
    return settings;
  }

  /** The settings for the whole window, not one document's. */
  window(): Promise<ServerSettings> {
    if (!this.enabled) return Promise.resolve(this.defaults);
    return (this.ofWindow ??= this.read(undefined));
  }

  private read(uri: string | undefined): Promise<ServerSettings> {
    // A client that fails to answer gets the defaults rather than no validation.
    const note = (message: string) => this.noteOnce(message);
    return this.fetch(uri).then(
      (raw) => this.complete(this.service.readSettings(raw, note), note),
      () => this.defaults,
    );
  }

  private noteOnce(message: string): void {
    if (message === this.noted) return;
    this.noted = message;
    this.note(message);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  /** The settings changed: each is asked again when next needed. */
  clear(): void {
    this.byUri.clear();
    this.ofWindow = undefined;
  }
}
