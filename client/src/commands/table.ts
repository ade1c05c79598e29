/** Every command, by name, in one table; registered in one loop. */
import * as vscode from 'vscode';
import { COMMANDS, type CommandName } from '../../../common/commands';
import { runInAthena } from './athena';
import type { CommandContext, CommandFactory } from './context';
import { copyJqFilter } from './copyJqFilter';
import { clearFilter, filterEvents, groupBy, loadMoreRecords, refreshEvents } from './eventsView';
import { exportEvents } from './exportEvents';
import { fixAll } from './fixAll';
import { openFolder, showActiveLog } from './folder';
import { openDecompressedLog, openLog, treatAsCloudTrail } from './openLog';
import { openRecord, openRecordAtCursor } from './openRecord';
import { openPrettyCopy } from './prettyCopy';
import { pivot } from './pivot';
import { revealRange } from './revealRange';
import { createAthenaTable } from './createAthenaTable';
import { verifyIntegrity } from './integrity';
import { copyAthenaSql, copyLakeSql, openAthenaSql, openLakeSql } from './sql';
import { writeReport } from '../report/writeReport';

/** One factory per command common/commands.ts names: the type fails to check if one is missing. */
export function createCommands(): Record<CommandName, CommandFactory> {
  return {
    treatAsCloudTrail,
    fixAll,
    openLog,
    openFolder,
    showActiveLog,
    openDecompressed: openDecompressedLog,
    groupBy,
    filterEvents,
    clearFilter,
    refreshEvents,
    revealRange,
    openRecord,
    openRecordAtCursor,
    openPrettyCopy,
    pivot,
    loadMoreRecords,
    exportEvents,
    copyJqFilter,
    writeReport,
    runInAthena,
    copyAthenaSql,
    openAthenaSql,
    copyLakeSql,
    openLakeSql,
    createAthenaTable,
    verifyIntegrity,
  };
}

export function registerCommands(ctx: CommandContext): void {
  for (const [name, factory] of Object.entries(createCommands()) as [CommandName, CommandFactory][]) {
    // VS Code hands a command whatever its caller passed; each command takes what its callers give.
    const callback = factory(ctx) as (...args: unknown[]) => unknown;
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(COMMANDS[name], callback));
  }
}
