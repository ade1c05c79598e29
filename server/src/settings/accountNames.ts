/**
 * Names of the user's AWS accounts, by ID: from `cloudtrail.accounts` written as a map (`{"111122223333": "prod"}`)
 * and from `cloudtrail.accountsFile`, the JSON `aws organizations list-accounts` writes (`{"Accounts": [{"Id", "Name"}]}`),
 * read as a regular file of at most a few megabytes. A name is the user's text, shown beside the ID it names.
 */
import { readRegular } from '../files/regularFile';

export type AccountNames = ReadonlyMap<string, string>;

export const NO_ACCOUNT_NAMES: AccountNames = new Map();

const ACCOUNT_ID = /^\d{12}$/;
/** As many as MAX_ACCOUNTS ids; names past this length are cut. */
const MAX_NAME = 100;
/** list-accounts writes about 300 bytes an account: room for the largest organizations. */
export const MAX_ACCOUNTS_FILE = 8 * 1024 * 1024;

/** One name, if it is one: text, trimmed, not empty, not too long. */
function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().slice(0, MAX_NAME);
  return name === '' ? undefined : name;
}

/** The names of a map `{ id: name }`; entries that are not an account ID and a name are left out. */
export function namesOfMap(value: unknown, max: number): Map<string, string> {
  const names = new Map<string, string>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return names;
  for (const [id, raw] of Object.entries(value)) {
    const name = nameOf(raw);
    if (ACCOUNT_ID.test(id) && name !== undefined && names.size < max) names.set(id, name);
  }
  return names;
}

/** The names `aws organizations list-accounts` lists; anything else in the file is ignored. */
export function namesOfListAccounts(text: string, max: number): Map<string, string> {
  const names = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return names;
  }
  const accounts = parsed !== null && typeof parsed === 'object' ? (parsed as { Accounts?: unknown }).Accounts : undefined;
  if (!Array.isArray(accounts)) return names;
  for (const account of accounts) {
    if (account === null || typeof account !== 'object') continue;
    const { Id: id, Name: raw } = account as { Id?: unknown; Name?: unknown };
    const name = nameOf(raw);
    if (typeof id === 'string' && ACCOUNT_ID.test(id) && name !== undefined && names.size < max) names.set(id, name);
  }
  return names;
}

/** The names in the file at `file` (a resolved path), or why none were read. */
export async function readAccountsFile(file: string, max: number): Promise<{ names: Map<string, string>; problem?: string }> {
  try {
    const read = await readRegular(file, true, MAX_ACCOUNTS_FILE);
    if (!read) return { names: new Map(), problem: `${file} is larger than ${MAX_ACCOUNTS_FILE / 1024 / 1024} MB` };
    const names = namesOfListAccounts(read.bytes.toString('utf8'), max);
    return names.size > 0 ? { names } : { names, problem: `${file} lists no account with an Id and a Name` };
  } catch (error) {
    return { names: new Map(), problem: `${file} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The settings with `cloudtrail.accountsFile`'s names added (those of the map setting win); `resolve` makes the
 * written path absolute, `note` hears why the file gave none.
 */
export async function withAccountsFile<S extends { readonly accountNames: AccountNames; readonly accountsFile?: string }>(
  settings: S,
  resolve: (written: string) => string,
  note: (message: string) => void,
  max: number,
): Promise<S> {
  if (settings.accountsFile === undefined) return settings;
  const { names, problem } = await readAccountsFile(resolve(settings.accountsFile), max);
  if (problem) note(`cloudtrail.accountsFile: ${problem}`);
  if (names.size === 0) return settings;
  return { ...settings, accountNames: new Map([...names, ...settings.accountNames]) };
}
