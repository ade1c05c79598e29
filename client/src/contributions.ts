/**
 * What package.json contributes by name besides commands: the events view and the timeline, the gzip editor, the `when` context keys,
 * and detection by content (its setting, and the languages that activate the extension for it).
 */

/** The events view's id. */
export const EVENTS_VIEW_ID = 'cloudtrail.events';

/** The timeline's id: a webview view below the events view, in the same container. */
export const TIMELINE_VIEW_ID = 'cloudtrail.timeline';

/** The custom editor that opens `*.json.gz` decompressed. */
export const GZIP_EDITOR_VIEW_TYPE = 'cloudtrail.gzipLog';

/** Context keys for `when` clauses. */
export const CONTEXT_KEYS = {
  /** The events view exists (the extension is active). */
  viewEnabled: 'cloudtrail.viewEnabled',
  /** The events view has a filter on. */
  filtered: 'cloudtrail.filtered',
  /** The events view shows a folder of logs. */
  folderShown: 'cloudtrail.folderShown',
  /** The untitled SQL editors the extension wrote, by path: the only editors with a Run in Athena button. */
  writtenSql: 'cloudtrail.writtenSql',
} as const;

/** The setting that turns detection by content on or off, under the `cloudtrail` section. */
export const DETECT_SETTING = 'detectByContent';

/** The languages VS Code gives a log by its name (`.json`, `.jsonc`, `.jsonl`, `.txt`, `.log`, untitled text): each activates the extension. */
export const DETECTED_LANGUAGES: readonly string[] = ['json', 'jsonc', 'jsonl', 'plaintext', 'log'];
