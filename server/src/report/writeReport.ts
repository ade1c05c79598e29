/** The investigation report of a shown log, in the format asked: its model, then that format's renderer. */
import type { ReportFormat } from '../../../common/reportProtocol';
import type { ShownLog } from '../features/shownLog';
import { htmlReport } from './htmlReport';
import { markdownReport } from './markdownReport';
import { type ReportModel, reportModel, type ReportOptions } from './reportModel';

export type { ReportOptions };

const RENDERERS: Readonly<Record<ReportFormat, (model: ReportModel) => string>> = { html: htmlReport, markdown: markdownReport };

export async function writeReport(log: ShownLog, format: ReportFormat, options: ReportOptions): Promise<string> {
  return RENDERERS[format](await reportModel(log, options));
}
