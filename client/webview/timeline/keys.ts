/**
 * The timeline from the keyboard, without the DOM: which bar has the focus, where a Shift+arrow selection
 * started, and what a key does. Arrows move a bar (Page Up/Down ten, Home/End to the ends), Shift with them
 * extends a selection, Enter applies the selection to the filter or lists the focused bar's records, Escape
 * clears the selection.
 */

export interface KeyState {
  /** The focused bar. */
  readonly focus: number;
  /** Where the selection started; absent when none is being made. */
  readonly anchor?: number;
}

export type KeyOutcome =
  /** The focus or the selection moved (or was cleared). */
  | { readonly kind: 'move'; readonly state: KeyState }
  /** Filter the events view to the bars from `first` to `last`. */
  | { readonly kind: 'apply'; readonly first: number; readonly last: number }
  /** List the records of a bar. */
  | { readonly kind: 'list'; readonly bin: number };

const STEPS: Readonly<Record<string, (focus: number, bins: number) => number>> = {
  ArrowLeft: (f) => f - 1,
  ArrowRight: (f) => f + 1,
  PageUp: (f) => f - 10,
  PageDown: (f) => f + 10,
  Home: () => 0,
  End: (_, bins) => bins - 1,
};

/** What a key does to the chart of `bins` bars; undefined for a key the chart leaves alone. */
export function onKey(state: KeyState, key: string, shift: boolean, bins: number): KeyOutcome | undefined {
  if (bins <= 0) return undefined;
  const step = STEPS[key];
  if (step) {
    const focus = Math.min(bins - 1, Math.max(0, step(Math.min(state.focus, bins - 1), bins)));
    const anchor = shift ? (state.anchor ?? state.focus) : undefined;
    return { kind: 'move', state: anchor === undefined ? { focus } : { focus, anchor: Math.min(anchor, bins - 1) } };
  }
  if (key === 'Enter') {
    return state.anchor === undefined
      ? { kind: 'list', bin: state.focus }
      : { kind: 'apply', first: Math.min(state.anchor, state.focus), last: Math.max(state.anchor, state.focus) };
  }
  if (key === 'Escape' && state.anchor !== undefined) return { kind: 'move', state: { focus: state.focus } };
  return undefined;
}
