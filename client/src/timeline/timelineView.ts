/**
 * The Timeline view beside the events view: a webview whose page draws the shown log's records per interval.
 * It follows the events view (its log, folder, filter, grouping, and each tree it fetches), asks the server
 * for bars (never records), and turns what the user does on the page into the events view's filter or a
 * Quick Pick of a bar's records. The page loads only the bundle's own files, under a strict policy.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseFilter, withTimeRange } from '../../../common/filterSyntax';
import type { GroupBy, RecordsParams, RecordsResult, TimelineParams, TimelineResult, TimelineStack } from '../../../common/protocol';
import { TIMELINE_VIEW_ID } from '../contributions';
import type { RangeConverter } from '../eventsView/provider';
import type { EventsView } from '../eventsView/view';
import { GROUP_BY_LABELS } from '../eventsView/viewText';
import { showBarRecords } from './barRecords';
import { type ChartModel, chartModel, emptyText, rangeOf, rangeText } from './chartModel';
import { type FromPage, pageMessage, type ShowMessage } from './messages';
import { timelinePage } from './page';

/** What the timeline asks of the language server. */
export interface TimelineServer {
  /** Cancelled when a newer question is asked: only the last answer is drawn. */
  timeline(params: TimelineParams, token: vscode.CancellationToken): Promise<TimelineResult | null>;
  records(params: RecordsParams): Promise<RecordsResult | null>;
}

const STACK_KEY = 'cloudtrail.timelineStack';

/** What the page drew: how many bars, holding how many records. */
export interface Drawn {
  readonly bars: number;
  readonly records: number;
  readonly stack: TimelineStack;
}

/** What the bars were asked for: the events view's state, and its tree (a new tree, new bars). */
interface Asked {
  readonly uri: string | undefined;
  readonly filter: string | undefined;
  readonly groupBy: GroupBy;
  readonly tree: unknown;
  readonly stack: TimelineStack;
}

function sameAsked(a: Asked, b: Asked): boolean {
  return (Object.keys(a) as (keyof Asked)[]).every((key) => a[key] === b[key]);
}

export class TimelineView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private stack: TimelineStack;
  private asked: Asked | undefined;
  private requests = 0;
  private pending: vscode.CancellationTokenSource | undefined;
  private shown: { readonly asked: Asked; readonly result: TimelineResult | null } | undefined;
  private readonly drawn = new vscode.EventEmitter<Drawn>();
  /** The page drew what it was last sent; the in-editor tests wait for it. */
  readonly onDidDraw = this.drawn.event;
  /** What the page last said it drew. */
  lastDrawn: Drawn | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly events: EventsView,
    private readonly server: TimelineServer,
    private readonly converter: RangeConverter,
    private readonly extensionUri: vscode.Uri,
    private readonly state: vscode.Memento,
  ) {
    this.stack = state.get<TimelineStack>(STACK_KEY) === 'group' ? 'group' : 'outcome';
    this.subscriptions = [
      this.drawn,
      events.onDidDescribe(() => void this.update()),
      vscode.window.registerWebviewViewProvider(TIMELINE_VIEW_ID, this),
    ];
  }

  dispose(): void {
    this.pending?.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** The chart last sent to the page (undefined when it shows why there is none). */
  get chart(): ChartModel | undefined {
    return this.message()?.chart;
  }

  /** The server's bars the chart was made of, and what they were asked for. */
  get result(): TimelineResult | null | undefined {
    return this.shown?.result;
  }

  /** Whether the page is up and showing. */
  get visible(): boolean {
    return this.view?.visible === true;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const bundle = vscode.Uri.joinPath(this.extensionUri, 'client', 'out', 'timeline');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [bundle] };
    view.webview.html = timelinePage({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      script: view.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'timeline.js')).toString(),
      style: view.webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'timeline.css')).toString(),
    });
    // Hidden, the page is let go; shown again, VS Code makes it anew from this HTML, and it says it is ready again.
    const subscriptions = [
      view.webview.onDidReceiveMessage((message) => void this.received(pageMessage(message))),
      view.onDidChangeVisibility(() => void this.update()),
    ];
    view.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      if (this.view === view) this.view = undefined;
    });
    void this.update();
  }

  /** Asks for bars when what the events view shows has changed since they were asked for, and the view is seen. */
  async update(): Promise<void> {
    if (!this.view?.visible) return;
    const { uri, filter, groupBy, result } = this.events.model;
    const asked: Asked = { uri, filter, groupBy, tree: result, stack: this.stack };
    const last = this.asked;
    if (last && sameAsked(asked, last)) {
      // Nothing new to ask; the page (perhaps loaded again since) is sent what it shows once more, answered or not.
      if (this.shown && sameAsked(this.shown.asked, asked)) this.post();
      return;
    }
    this.asked = asked;
    const request = ++this.requests;
    // The question before, if still unanswered, is of no use now: the server need not work it out.
    this.pending?.cancel();
    const pending = (this.pending = new vscode.CancellationTokenSource());
    const params = uri && result ? { textDocument: { uri }, filter, groupBy, stack: this.stack } : undefined;
    const bars = params ? await this.server.timeline(params, pending.token).catch(() => null) : null;
    pending.dispose();
    // A newer question is on its way: its answer is the one to show.
    if (request !== this.requests) return;
    this.shown = { asked, result: bars };
    this.post();
  }

  private message(): ShowMessage | undefined {
    if (!this.shown) return undefined;
    const { asked, result } = this.shown;
    const groupLabel = GROUP_BY_LABELS[asked.groupBy];
    const chart = result ? chartModel(result, { stack: asked.stack, groupLabel }) : undefined;
    const timeRange = parseFilter(asked.filter ?? '').terms.some((t) => t.key === 'after' || t.key === 'before');
    return {
      type: 'show',
      ...(chart ? { chart } : { empty: emptyText(result, asked.filter !== undefined) }),
      stack: asked.stack,
      groupLabel,
      timeRange,
    };
  }

  private post(): void {
    const message = this.message();
    if (!message) return;
    void this.view?.webview.postMessage(message);
  }

  private async received(message: FromPage | undefined): Promise<void> {
    if (!message) return;
    switch (message.type) {
      case 'ready':
        return this.post();
      case 'range':
        return this.applyRange(message.after, message.before);
      case 'clearRange':
        return this.applyRange(undefined, undefined);
      case 'list':
        return this.listBar(message.bin);
      case 'stack':
        return this.setStack(message.stack);
      case 'drawn':
        this.lastDrawn = { bars: message.bars, records: message.records, stack: message.stack };
        return this.drawn.fire(this.lastDrawn);
    }
  }

  /** Writes a time range into the events view's filter, in place of any it had (none: takes it out). */
  applyRange(after: number | undefined, before: number | undefined): Promise<void> {
    return this.events.setFilter(withTimeRange(this.events.model.filter ?? '', after, before));
  }

  /** Stacks the bars by outcome or by the events view's grouping, from now on in this workspace. */
  async setStack(stack: TimelineStack): Promise<void> {
    this.stack = stack;
    await this.state.update(STACK_KEY, stack);
    await this.update();
  }

  /** A Quick Pick of a bar's records, in the log and under the filter the bars were made with. */
  private async listBar(bin: number): Promise<void> {
    const chart = this.chart;
    const log = this.shown?.asked.uri;
    if (!chart || !log || bin >= chart.xs.length) return;
    const { after, before } = rangeOf(chart, bin, bin);
    const filter = this.shown?.asked.filter;
    await showBarRecords({
      log,
      filter,
      after,
      before,
      range: rangeText(chart, bin),
      records: (params) => this.server.records(params),
      applyRange: () => this.events.setFilter(withTimeRange(filter ?? '', after, before)),
      converter: this.converter,
    });
  }
}
