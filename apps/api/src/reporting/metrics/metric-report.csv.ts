import { toCsv } from '@ledger/projections';
import { MetricReportResponse } from './metric-report.response.dto';
import { SMALL_COUNT_THRESHOLD } from './small-count-suppression';

/** One line per total, or per breakdown row; a suppressed value reads `<3`. */
export function metricReportCsv(report: MetricReportResponse): string {
  if (report.breakdown === 'total') {
    return toCsv(
      ['measureId', 'metricId', 'label', 'fiscalYear', 'value', 'unit'],
      report.totals.map((f) => [f.measureId, f.metricId, f.label, f.fiscalYear, f.value, f.unit]),
    );
  }
  const metrics = new Map(report.totals.map((total) => [total.metricId, total]));
  return toCsv(
    ['measureId', 'metricId', 'label', 'fiscalYear', report.breakdown, 'value', 'unit'],
    report.rows.map((row) => {
      const metric = metrics.get(row.metricId);
      return [
        metric?.measureId ?? null,
        row.metricId,
        metric?.label ?? null,
        row.fiscalYear,
        row.key,
        row.suppressed ? `<${SMALL_COUNT_THRESHOLD}` : row.value,
        metric?.unit ?? null,
      ];
    }),
  );
}
