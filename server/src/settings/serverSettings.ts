/**
 * The `cloudtrail.*` settings the server reads, as one typed value: the checks' limits and ignored codes, the
 * detections' rules, level, accounts and exclusions, and the table SQL is written for. Read from what the
 * client sent, with defaults for anything missing or of the wrong type; a workspace's settings widen nothing.
 */
import { TABLE_DEFAULTS } from '../../../common/athenaTable';
import { SIGMA_LEVELS, type SigmaLevel } from '../../../common/protocol';
import { type AccountNames, namesOfMap, NO_ACCOUNT_NAMES } from './accountNames';
import { DEFAULT_EXCLUSIONS } from '../detections/exclusions';
import type { RuleOptions } from '../detections/loadRules';
import { type IgnoredCodes, NO_IGNORED, readIgnoredCodes, unknownCodesNote } from '../features/ignoredProblems';
import { PARTITIONINGS, type Partitioning } from '../queries/partitions';
import type { SqlTarget } from '../queries/sqlStatement';

/** `cloudtrail.detections.*` and `cloudtrail.accounts`: the options the rules are loaded with, paths as the user wrote them. */
export interface DetectionSettings extends Omit<RuleOptions, 'paths' | 'minLevel'> {
  /** Paths of rule files or folders, as the user wrote them. */
  readonly rules: readonly string[];
  readonly minimumLevel: SigmaLevel;
}

export interface ServerSettings {
  readonly validateEnable: boolean;
  readonly maxProblems: number;
  /** `cloudtrail.problems.ignore`: codes whose problems are not shown. */
  readonly ignoredProblems: IgnoredCodes;
  /** `cloudtrail.detections.*` and `cloudtrail.accounts`. */
  readonly detections: DetectionSettings;
  /** `cloudtrail.athena.*` and `cloudtrail.lake.*`: where `cloudtrail/sql` writes its queries for. */
  readonly sql: SqlTarget;
  /** Account names by ID: `cloudtrail.accounts` written as a map, then (read by lsp/) `cloudtrail.accountsFile`'s. */
  readonly accountNames: AccountNames;
  /** `cloudtrail.accountsFile` as the user wrote it, when set. */
  readonly accountsFile?: string;
  /** `cloudtrail.integrity.publicKeys`: a file of `aws cloudtrail list-public-keys` output, as the user wrote it, when set. */
  readonly publicKeys?: string;
}

export const DEFAULT_DETECTIONS: DetectionSettings = {
  enable: true,
  rules: [],
  minimumLevel: 'informational',
  accounts: [],
  exclude: DEFAULT_EXCLUSIONS,
};

const DEFAULT_TARGET: SqlTarget = {
  athena: { ...TABLE_DEFAULTS, partitioning: 'projection' },
  lake: { eventDataStore: '' },
};

export const DEFAULT_SETTINGS: ServerSettings = {
  validateEnable: true,
  maxProblems: 500,
  ignoredProblems: NO_IGNORED,
  detections: DEFAULT_DETECTIONS,
  sql: DEFAULT_TARGET,
  accountNames: NO_ACCOUNT_NAMES,
};

const ACCOUNT_ID = /^\d{12}$/;
/** More would make every rule that asks "one of mine?" slow; an organization this large lists its own. */
export const MAX_ACCOUNTS = 10_000;

interface RawSettings {
  validate?: { enable?: unknown };
  maxProblems?: unknown;
  problems?: { ignore?: unknown };
  detections?: Record<string, unknown>;
  accounts?: unknown;
  accountsFile?: unknown;
  integrity?: { publicKeys?: unknown };
  athena?: Record<string, unknown>;
  lake?: Record<string, unknown>;
}

/** The `cloudtrail` settings as the client sent them; `note` hears of entries left out. */
export function readServerSettings(raw: unknown, note: (message: string) => void = () => {}): ServerSettings {
  const r = (raw ?? {}) as RawSettings;
  const enable = r.validate?.enable;
  const max = r.maxProblems;
  const ignore = readIgnoredCodes(r.problems?.ignore);
  const keys = r.integrity?.publicKeys;
  if (ignore.unknown.length > 0) note(unknownCodesNote(ignore.unknown));
  return {
    validateEnable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.validateEnable,
    maxProblems: typeof max === 'number' && Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_SETTINGS.maxProblems,
    ignoredProblems: ignore.codes,
    detections: readDetectionSettings(r),
    sql: readSqlTarget(r),
    accountNames: namesOfMap(r.accounts, MAX_ACCOUNTS),
    ...(typeof r.accountsFile === 'string' && r.accountsFile.trim() !== '' ? { accountsFile: r.accountsFile.trim() } : {}),
    ...(typeof keys === 'string' && keys.trim() !== '' ? { publicKeys: keys.trim() } : {}),
  };
}

/** The `detections` part of the `cloudtrail` settings and `accounts`, defaults for anything missing or of the wrong type. */
export function readDetectionSettings(raw: unknown): DetectionSettings {
  const settings = (raw ?? {}) as RawSettings;
  const d = settings.detections ?? {};
  // A list of IDs, or a map of ID to name: the placeholder gets the IDs either way.
  const written = settings.accounts;
  const accounts = Array.isArray(written) ? written : written !== null && typeof written === 'object' ? Object.keys(written) : [];
  const level = d['minimumLevel'];
  const rules = d['rules'];
  const exclude = d['exclude'];
  return {
    enable: typeof d['enable'] === 'boolean' ? d['enable'] : DEFAULT_DETECTIONS.enable,
    rules: Array.isArray(rules) ? rules.filter((r): r is string => typeof r === 'string' && r.trim() !== '') : [],
    minimumLevel: SIGMA_LEVELS.includes(level as SigmaLevel) ? (level as SigmaLevel) : DEFAULT_DETECTIONS.minimumLevel,
    accounts: [...new Set(accounts.filter((a): a is string => typeof a === 'string' && ACCOUNT_ID.test(a)))].slice(0, MAX_ACCOUNTS),
    exclude: Array.isArray(exclude) ? exclude : DEFAULT_DETECTIONS.exclude,
  };
}

/** The settings `cloudtrail/sql` reads: the Athena table and its partitions, and the CloudTrail Lake event data store. */
function readSqlTarget(r: RawSettings): SqlTarget {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback);
  const partitioning = r.athena?.['partitioning'];
  return {
    athena: {
      database: text(r.athena?.['database'], DEFAULT_TARGET.athena.database),
      table: text(r.athena?.['table'], DEFAULT_TARGET.athena.table),
      partitioning: PARTITIONINGS.includes(partitioning as Partitioning) ? (partitioning as Partitioning) : 'projection',
    },
    lake: { eventDataStore: text(r.lake?.['eventDataStore'], '') },
  };
}
