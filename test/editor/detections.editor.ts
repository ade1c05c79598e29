/**
 * Detections in a real VS Code: a log with the root account's sign-in shows the finding where the user looks,
 * as a `sigma` diagnostic on the record's eventName with the rule's title in its hover, and under the events
 * view's Detections group. The rule is the shipped pack's root-use rule, found by its title.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DetectionsNode, EventNode, RecordNode, RuleNode } from '../../client/src/eventsView/nodes';
import type { CloudTrailApi } from '../../client/src/extension';
import { COMMANDS } from '../../common/commands';
import type { DetectionRule } from '../../common/protocol';
import { closeAll, diagnosticsWhen, extensionApi, openFile, saveAll } from './support';

/** The title of the pack's rule on any use of the root account. */
const ROOT_RULE = /\broot\b/i;

const record = (eventID: string, eventTime: string, userIdentity: object, eventSource: string, eventName: string, extra: object = {}) => ({
  eventVersion: '1.08',
  userIdentity,
  eventTime,
  eventSource,
  eventName,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.24',
  userAgent: 'Mozilla/5.0',
  requestParameters: null,
  eventID,
  readOnly: true,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '111122223333',
  eventCategory: 'Management',
  ...extra,
});

/** An IAM user's read, then the root account signing in to the console (record 1). */
const LOG = JSON.stringify(
  {
    Records: [
      record(
        '6f1d2c3a-1b2c-4d5e-8f90-0a1b2c3d4e01',
        '2024-03-05T10:00:00Z',
        {
          type: 'IAMUser',
          principalId: 'AIDAEXAMPLEALICE',
          arn: 'arn:aws:iam::111122223333:user/alice',
          accountId: '111122223333',
          userName: 'alice',
        },
        's3.amazonaws.com',
        'ListBuckets',
      ),
      record(
        '6f1d2c3a-1b2c-4d5e-8f90-0a1b2c3d4e02',
        '2024-03-05T10:05:00Z',
        { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' },
        'signin.amazonaws.com',
        'ConsoleLogin',
        {
          eventType: 'AwsConsoleSignIn',
          readOnly: false,
          responseElements: { ConsoleLogin: 'Success' },
          additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'Yes' },
        },
      ),
    ],
  },
  null,
  2,
);

/** Resolves once the events view shows `uri` with a Detections rule `accept` likes. */
async function detectionWhen(api: CloudTrailApi, uri: vscode.Uri, accept: (rule: DetectionRule) => boolean): Promise<DetectionRule> {
  const found = () => (api.events.uri === uri.toString() ? api.events.result?.detections?.find(accept) : undefined);
  while (!found()) {
    await new Promise<void>((resolve) => {
      const subscription = api.events.onDidChangeTreeData(() => {
        subscription.dispose();
        resolve();
      });
    });
    await api.events.ready();
  }
  return found()!;
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('Detections', () => {
  let api: CloudTrailApi;

  before(async () => {
    api = await extensionApi();
    if (api.events.folder) await vscode.commands.executeCommand(COMMANDS.showActiveLog);
  });

  afterEach(async () => {
    await saveAll();
    await closeAll();
  });

  it('shows the root account sign-in under Detections, as a sigma diagnostic on its eventName, and in its hover', async () => {
    const editor = await openFile('root-use.json', LOG);
    const { uri } = editor.document;

    // The events view: the Detections group first among the groups, the root rule in it, and the record under the rule.
    const rule = await detectionWhen(api, uri, (r) => ROOT_RULE.test(r.title));
    assert.equal(rule.windows, undefined, 'a rule on one record, not a correlation');
    const roots = (await api.events.getChildren()) as EventNode[];
    const detections = roots.find((n): n is DetectionsNode => n.kind === 'detections');
    assert.ok(detections, roots.map((n) => n.kind).join());
    assert.ok(roots.indexOf(detections) < roots.findIndex((n) => n.kind === 'group'));
    assert.equal(api.events.getTreeItem(detections).label, 'Detections');
    const ruleNode = ((await api.events.getChildren(detections)) as RuleNode[]).find((n) => n.rule.key === rule.key);
    assert.ok(ruleNode);
    assert.equal(api.events.getTreeItem(ruleNode).label, rule.title);
    const records = (await api.events.getChildren(ruleNode)) as RecordNode[];
    assert.deepEqual(
      records.map((r) => [r.item.index, r.item.eventName, r.item.identity]),
      [[1, 'ConsoleLogin', 'root']],
    );
    // Its click selects the record in the log, as from under its event.
    const command = api.events.getTreeItem(records[0]!).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const selected = vscode.window.activeTextEditor!;
    assert.equal((JSON.parse(selected.document.getText(selected.selection)) as { eventName: string }).eventName, 'ConsoleLogin');

    // The diagnostic: source sigma, the rule's id as its code and its title as the message, on the record's eventName.
    const [finding] = await diagnosticsWhen(uri, (ds) => ds.some((d) => codeOf(d) === rule.key), 'sigma').then((ds) =>
      ds.filter((d) => codeOf(d) === rule.key),
    );
    assert.ok(finding);
    assert.equal(finding.message, rule.title);
    assert.match(editor.document.getText(finding.range), /^"?ConsoleLogin"?$/);
    const at = LOG.indexOf('"ConsoleLogin"');
    assert.ok(editor.document.offsetAt(finding.range.start) >= at && editor.document.offsetAt(finding.range.end) <= at + 14);

    // The hover on the flagged record names the rule.
    // (Read as text: Markdown escapes punctuation with backslashes.)
    const hover = await hoverText(uri, finding.range.start.translate(0, 2));
    assert.ok(hover.replace(/\\(.)/g, '$1').includes(rule.title), hover);
  });
});
