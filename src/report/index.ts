/** The report: charts of a run's result files, pre-rendered to SVG in one offline HTML page. */
export * from "./report-data.js";
export { ReportError } from "./errors.js";
export { QUANTILE_KEYS, checkQuantileOrder, quantilesFinite } from "./quantile-order.js";
export { AXIS_TITLE_WITH_UNIT, axisTitle, displayUnit, shortUnit } from "./units.js";
export { formatInt, formatPercent, formatValue } from "./format.js";
export { COLORS, CONFIG, FONT, FULL_WIDTH, HALF, isoDay, timeX, toMs, vegaLite, type Chart } from "./chart.js";
export { NETWORK_FANS, fanRows, fanSpec, halvingMarkers, labelSide, markerLayers, networkFanCharts, type DateMarker, type FanData, type FanRow } from "./fan-chart.js";
export { MW_PANELS, NAMED_MW_STATES, mwChart, mwRows, type MwData, type MwRow } from "./mw-chart.js";
export { boxLayers, boxRow, type BoxAxes, type BoxRow } from "./box-plot.js";
export {
  MARGIN_SNAPSHOTS,
  cumulativeEbitdaChart,
  cumulativeEbitdaRows,
  flipChart,
  flipRows,
  marginChart,
  marginRows,
  snapshotIndices,
  type FlipRow,
  type MarginData,
} from "./miner-charts.js";
export { EPOCH_HISTOGRAMS, epochHistogramCharts, knotCdf, niceStep, pooledHistogram, type HistogramBin, type PooledHistogram } from "./epoch-histogram.js";
export { prefixSvgIds, renderChart, renderCharts, type RenderedChart } from "./render-svg.js";
export { escapeHtml, fileLink, renderPage, type PageFooter, type PageHeader, type PageSection } from "./html.js";
export { eventTable, isDateUnit, scalarTable, table } from "./tables.js";
export { FOOTER_NOTE, GENERATOR, renderRunReport, runCharts, type RenderedReport, type RunCharts } from "./run-report.js";
export { FILE_DESCRIPTIONS, dataFiles, parseGridLabel, runReportData } from "./run-folder-data.js";
export { REPORT_FILE, exportSvgs, reportKind, standaloneSvg, writeReport, type ReportKind, type WriteReportOptions, type WriteReportResult } from "./write-report.js";
export { textWidth, vegaTextWidth } from "./text-metrics.js";
export { readSweepData, type SweepReportData, type SweepVariant } from "./sweep-data.js";
export {
  sweepAxis,
  sweepAxisTitle,
  sweepCharts,
  sweepEventChart,
  sweepEventRows,
  sweepOutcomeChart,
  sweepOutcomes,
  sweepRows,
  wilsonInterval,
  type SweepAxis,
  type SweepEventRow,
  type SweepOutcome,
  type SweepRow,
} from "./sweep-charts.js";
export { renderSweepReport } from "./sweep-report.js";
export { sweptKeyUnit } from "./swept-key-unit.js";
export { readCompareData, type CompareReportData } from "./compare-data.js";
export { compareCharts, differenceGroups, differenceUnit, runName, type DifferenceGroup, type DifferenceRow } from "./compare-charts.js";
export { renderCompareReport } from "./compare-report.js";
export { renderBacktestReport } from "./backtest-report.js";
