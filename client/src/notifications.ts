/**
 * Every notification the extension shows, through one door: its message (and each line of a modal's detail) made inert by
 * plainText, since a message may carry a file name, a setting, a rule's or a log's text, or the server's or
 * AWS's words, and VS Code would turn `[label](command:…)` in it into a link that runs the command.
 */
import * as vscode from 'vscode';
import { plainText } from '../../common/plainText';

type Show = typeof vscode.window.showInformationMessage;

function inert(show: Show): <T extends string>(message: string, ...rest: (T | vscode.MessageOptions)[]) => Thenable<T | undefined> {
  return <T extends string>(message: string, ...rest: (T | vscode.MessageOptions)[]) => {
    const items = rest.map((item) =>
      typeof item === 'string' || item.detail === undefined ? item : { ...item, detail: item.detail.split('\n').map(plainText).join('\n') },
    );
    return (show as (message: string, ...items: unknown[]) => Thenable<T | undefined>)(plainText(message), ...items);
  };
}

export const showInformation = inert(vscode.window.showInformationMessage);
export const showWarning = inert(vscode.window.showWarningMessage);
export const showError = inert(vscode.window.showErrorMessage);

/** What a progress notification's task reports: its message goes through plainText too. */
export type ProgressReport = (value: { readonly message?: string; readonly increment?: number }) => void;

/** A cancellable progress notification whose title and messages are made inert. */
export function withProgressNotification<R>(
  title: string,
  task: (report: ProgressReport, token: vscode.CancellationToken) => Thenable<R>,
): Thenable<R> {
  const options = { location: vscode.ProgressLocation.Notification, title: plainText(title), cancellable: true };
  return vscode.window.withProgress(options, (progress, token) =>
    task((value) => progress.report(value.message === undefined ? value : { ...value, message: plainText(value.message) }), token),
  );
}
