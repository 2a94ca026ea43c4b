/** The report moved into ./report/; this name stays so code that imported it keeps working. */
export { toReportHtml, escapeHtml } from './report/index.ts';
export type { ReportData, BlogRow, KindRow } from './report/types.ts';
