/**
 * A minimal LSP client for protocol tests: spawns `node server/out/server.js --stdio` and speaks to it
 * as an editor would. Tests wait for the notifications they need, never for a fixed time, and never without a
 * limit: each wait (diagnostics, a logged line, a request's answer, the server's exit) fails after `waitLimitMs`
 * saying what it waited for.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  ShutdownRequest,
  type TextEdit,
  ConfigurationRequest,
  type Registration,
  RegistrationRequest,
  ResponseError,
  ErrorCodes,
  LogMessageNotification,
  MessageType,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { repoPath } from './paths';
import { WAIT_LIMIT_MS, within } from './within';

export const SERVER_PATH = repoPath('server', 'out', 'server.js');

/** Settings for suites about something other than findings, which the rule pack would add to what they compare. */
export const DETECTIONS_OFF: Record<string, unknown> = { detections: { enable: false } };

type Waiter = {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
};

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  /** What the server logged as errors (a request handler that threw, then answered null). */
  readonly loggedErrors: string[] = [];
  /** Everything the server logged (the output channel, in an editor). */
  readonly logged: string[] = [];
  /** What the server registered with client/registerCapability. */
  readonly registrations: Registration[] = [];
  private readonly logListeners: ((message: string) => void)[] = [];
  /** What the client answers to workspace/configuration for the `cloudtrail` section. */
  settings: Record<string, unknown> = {};
  private readonly child: ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Waiter[] = [];
  private readonly documents = new Map<string, TextDocument>();
  private exited = false;
  private stderrChanged: (() => void) | undefined;

  private readonly languageId: string;
  /** How long any wait lasts before it fails. */
  readonly waitLimitMs: number;

  /**
   * `refuseRegistration`: answer client/registerCapability with an error, as some editors do.
   * `command`: another server to speak to (the benchmark's peer), and `languageId` for its documents.
   * `nodeArgs`: flags for Node before our server's script, such as `--max-old-space-size=256`.
   * `waitLimitMs`: how long a wait lasts before it fails (WAIT_LIMIT_MS by default; longer for gigabyte benchmarks).
   */
  constructor(
    options: {
      refuseRegistration?: boolean;
      command?: readonly string[];
      languageId?: string;
      nodeArgs?: readonly string[];
      waitLimitMs?: number;
      /** The server's environment (this process's by default). */
      env?: NodeJS.ProcessEnv;
    } = {},
  ) {
    this.waitLimitMs = options.waitLimitMs ?? WAIT_LIMIT_MS;
    const [program, ...args] = options.command ?? [process.execPath, ...(options.nodeArgs ?? []), SERVER_PATH, '--stdio'];
    this.languageId = options.languageId ?? 'cloudtrail';
    this.child = spawn(program!, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
      this.stderrChanged?.();
    });
    // A server that dies fails what waits on it, rather than leaving the test hanging.
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      const error = new Error(`the server exited (${signal ?? `code ${code}`})`);
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
      this.stderrChanged?.();
      this.connection.dispose();
    });
    const reader = new StreamMessageReader(this.child.stdout!);
    // Its timer for a message half received re-arms itself: a server that dies mid-answer would keep the test alive.
    reader.partialMessageTimeout = 0;
    this.connection = this.limited(createProtocolConnection(reader, new StreamMessageWriter(this.child.stdin!)));
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logged.push(params.message);
      for (const listener of [...this.logListeners]) listener(params.message);
      if (params.type === MessageType.Error) this.loggedErrors.push(params.message);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      if (options.refuseRegistration) return new ResponseError(ErrorCodes.MethodNotFound, 'not supported');
      this.registrations.push(...params.registrations);
      return undefined;
    });
    this.connection.listen();
  }

  /** The connection, with each request's answer awaited within the limit. */
  private limited(raw: ProtocolConnection): ProtocolConnection {
    const send = raw.sendRequest.bind(raw) as (...args: unknown[]) => Promise<unknown>;
    const sendRequest = (type: string | { method: string }, ...rest: unknown[]) =>
      within(send(type, ...rest), this.waitLimitMs, `no answer to ${typeof type === 'string' ? type : type.method}`);
    return new Proxy(raw, { get: (target, key) => (key === 'sendRequest' ? sendRequest : Reflect.get(target, key)) });
  }

  /** The server's process id, for reading its memory. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends the server a signal and resolves with the first match of `pattern` in what it writes to stderr after it. */
  signal(signal: NodeJS.Signals, pattern: RegExp): Promise<RegExpExecArray> {
    const from = this.stderr.join('').length;
    const matched = new Promise<RegExpExecArray>((resolve, reject) => {
      this.stderrChanged = () => {
        const match = pattern.exec(this.stderr.join('').slice(from));
        if (match) {
          this.stderrChanged = undefined;
          resolve(match);
        } else if (this.exited) {
          reject(new Error('the server has exited'));
        }
      };
      this.child.kill(signal);
    });
    return within(matched, this.waitLimitMs, `nothing matching ${pattern} on the server's stderr after ${signal}`, {
      onTimeout: () => (this.stderrChanged = undefined),
    });
  }

  /** Initializes the server; `watchFiles`: the client watches files the server asks it to, as VS Code does. */
  async initialize(options: { watchFiles?: boolean } = {}): Promise<InitializeResult> {
    const watch = options.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } : {};
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...watch } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Resolves with the first message the server logged, or logs next, that `pattern` matches. */
  whenLogged(pattern: RegExp): Promise<string> {
    const seen = this.logged.find((m) => pattern.test(m));
    if (seen !== undefined) return Promise.resolve(seen);
    let listener: (message: string) => void = () => undefined;
    const stop = () => remove(this.logListeners, listener);
    const logged = new Promise<string>((resolve) => {
      listener = (message: string) => {
        if (!pattern.test(message)) return;
        stop();
        resolve(message);
      };
      this.logListeners.push(listener);
    });
    return within(logged, this.waitLimitMs, `nothing logged matching ${pattern}`, { onTimeout: stop });
  }

  /** The last diagnostics published for `uri`, if any. */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  /**
   * Resolves with the next diagnostics for `uri` that `accept` likes (by default: for the document's current version),
   * or fails after the wait limit, saying for what and what was last published.
   */
  nextDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const version = this.documents.get(uri)?.version;
    const test = accept ?? ((p: PublishDiagnosticsParams) => p.version === undefined || p.version === version);
    if (this.exited) return Promise.reject(new Error('the server has exited'));
    let waiter: Waiter | undefined;
    const published = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      waiter = { uri, accept: test, resolve, reject };
      this.waiters.push(waiter);
    });
    const wanted = accept ? 'that the test waits for' : version === undefined ? '' : `of version ${version}`;
    return within(published, this.waitLimitMs, `no diagnostics for ${uri}${wanted ? ` ${wanted}` : ''}`, {
      onTimeout: () => remove(this.waiters, waiter!),
      detail: () => {
        const last = this.latest.get(uri);
        return last ? `last published: version ${last.version ?? 'none'}, ${last.diagnostics.length} diagnostics` : 'none published';
      },
    });
  }

  /** Opens a document and waits for its first diagnostics. `onSend` is called as the message leaves, for timing. */
  async open(uri: string, text: string, onSend?: () => void): Promise<Diagnostic[]> {
    const document = TextDocument.create(uri, this.languageId, 1, text);
    // Index this copy's lines first, as an editor has them, so timings measure the server, not the copy.
    void document.lineCount;
    this.documents.set(uri, document);
    const published = this.nextDiagnostics(uri);
    onSend?.();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: this.languageId, version: 1, text },
    });
    return (await published).diagnostics;
  }

  /** Applies edits as an editor would (incremental sync) and waits for the new version's diagnostics. */
  async edit(uri: string, edits: readonly TextEdit[]): Promise<Diagnostic[]> {
    let published: Promise<PublishDiagnosticsParams> | undefined;
    await this.change(uri, edits, () => (published = this.nextDiagnostics(uri)));
    return (await published!).diagnostics;
  }

  /** Applies edits as an editor would (incremental sync), without waiting for anything. `onUpdate` runs before the message leaves. */
  async change(uri: string, edits: readonly TextEdit[], onUpdate?: () => void): Promise<void> {
    const before = this.documents.get(uri)!;
    const version = before.version + 1;
    // LSP edits of one change are relative to the same document; send them last-first so each stays valid.
    const ordered = [...edits].sort((a, b) => before.offsetAt(b.range.start) - before.offsetAt(a.range.start));
    const after = TextDocument.update(
      before,
      ordered.map((e) => ({ range: e.range, text: e.newText })),
      version,
    );
    this.documents.set(uri, after);
    onUpdate?.();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  /** The client's copy of an open document, lines indexed, as the editor holds it. */
  document(uri: string): TextDocument {
    return this.documents.get(uri)!;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | { command: string })[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only } : { diagnostics },
    }) as Promise<(CodeAction | { command: string })[] | null>;
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { cloudtrail: settings } });
  }

  async dispose(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
        await within(exited, this.waitLimitMs, 'the server did not exit after shutdown and exit');
      } catch (error) {
        // A server that does not stop is stopped, so the test process can end; the failure still says why.
        this.child.kill('SIGKILL');
        throw error;
      }
    }
    this.connection.dispose();
  }
}

/** Takes `item` out of `list`, if it is there. */
function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}

/** The whole-document range of a text. */
export function wholeRange(text: string): Range {
  const doc = TextDocument.create('untitled:x', 'cloudtrail', 0, text);
  return { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
}
