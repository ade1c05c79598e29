/**
 * Every command the extension contributes, by the short name the client's command table uses.
 * package.json contributes exactly these (a unit test holds the two together).
 */
export const COMMANDS = {
  treatAsCloudTrail: 'cloudtrail.treatAsCloudTrail',
  fixAll: 'cloudtrail.fixAll',
  openLog: 'cloudtrail.openLog',
  openFolder: 'cloudtrail.openFolder',
  showActiveLog: 'cloudtrail.showActiveLog',
  /** Also named by the server: the quick fix of the `compressed` problem runs it with the document's URI. */
  openDecompressed: 'cloudtrail.openDecompressed',
  groupBy: 'cloudtrail.groupBy',
  filterEvents: 'cloudtrail.filterEvents',
  clearFilter: 'cloudtrail.clearFilter',
  refreshEvents: 'cloudtrail.refreshEvents',
  /** Run by the events view's records and problems node: (uri, range), and a record's RecordRef. */
  revealRange: 'cloudtrail.revealRange',
  /** The events view's context menu on a record: (record node). */
  openRecord: 'cloudtrail.openRecord',
  openRecordAtCursor: 'cloudtrail.openRecordAtCursor',
  /** The active log's read-only pretty-printed copy, beside it: also the button of Format Document's refusal. */
  openPrettyCopy: 'cloudtrail.openPrettyCopy',
  /** Writes a pivot's filter: from the events view's context menu (record node), or the editor's code action (PivotRecord). */
  pivot: 'cloudtrail.pivot',
  /** Run by the events view's "Show N more…" node: (event node). */
  loadMoreRecords: 'cloudtrail.loadMoreRecords',
  /** The events view's title (all it shows), or a group, event, rule or window node's context menu: (node). */
  exportEvents: 'cloudtrail.exportEvents',
  copyJqFilter: 'cloudtrail.copyJqFilter',
  /** The events view's title (what it shows, with its filter), or a caller's ReportPreset (client/src/report/writeReport.ts). */
  writeReport: 'cloudtrail.writeReport',
  /** The active `.sql` editor's query, or a caller's: (sql?: string, options?: { grouped?: boolean }). */
  runInAthena: 'cloudtrail.runInAthena',
  /** The view's filter and grouping as SQL: no argument (its title bar); a Detections rule (rule node); a rule file's rule under the cursor (its URI). */
  copyAthenaSql: 'cloudtrail.copyAthenaSql',
  openAthenaSql: 'cloudtrail.openAthenaSql',
  copyLakeSql: 'cloudtrail.copyLakeSql',
  openLakeSql: 'cloudtrail.openLakeSql',
  createAthenaTable: 'cloudtrail.createAthenaTable',
  /** A folder's logs checked against its digests: the folder shown, or one chosen; asks for a key file when none is set. */
  verifyIntegrity: 'cloudtrail.verifyIntegrity',
} as const;

export type CommandName = keyof typeof COMMANDS;
