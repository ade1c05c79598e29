// Types of preflight.mjs, for the unit test that imports its decision.
export interface Need {
  readonly name: string;
  present(): boolean;
}
export const NEEDS: readonly Need[];
export function installCommand(packages: readonly string[]): string;
export type Decision =
  | { readonly kind: 'continue' }
  | { readonly kind: 'install'; readonly packages: string[] }
  | { readonly kind: 'stop'; readonly line: string };
export function decide(situation: { missing: string[]; root: boolean; aptGet: boolean }): Decision;
