import { Grouping, MetricDefinition } from '@ledger/domain';
import { DataSource } from 'typeorm';
import { REPORTING_PROJECTION } from '../reporting/reporting.projection';
import { ALL } from '../reporting/metric-counter.entity';

export interface MetricFigure {
  metricId: string;
  measureId: string;
  label: string;
  unit: string;
  fiscalYear: number;
  value: number;
}

export interface BreakdownRow {
  metricId: string;
  fiscalYear: number;
  /** Municipality code (`` when none was recorded), `groupingId/memberId`, or `2023-06`. */
  key: string;
  value: number;
}

/** No build has become active yet: nothing can be answered. */
export class ReadModelNotReadyError extends Error {
  constructor() {
    super('The read models are still being built for the first time');
  }
}

/**
 * Output metrics straight from the counters of the active build: totals and breakdowns by
 * municipality and month are primary-key range reads; a grouping sums its municipalities'
 * rows (count-distinct: counts distinct members over them).
 */
export class MetricReportReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: readonly MetricDefinition[],
  ) {}

  async activeVersion(): Promise<string> {
    const rows: { version: string }[] = await this.dataSource.query(
      `SELECT version FROM projection_versions WHERE name = $1 AND status = 'active'`,
      [REPORTING_PROJECTION],
    );
    if (rows.length === 0) throw new ReadModelNotReadyError();
    return rows[0].version;
  }

  /** Every metric of the fiscal year (optionally of one measure), zero when nothing counted. */
  async totals(fiscalYear: number, measureId?: string, version?: string): Promise<MetricFigure[]> {
    const build = version ?? (await this.activeVersion());
    const rows: { metric_id: string; value: string }[] = await this.dataSource.query(
      `SELECT metric_id, value FROM metric_counters
        WHERE projection_version = $1 AND fiscal_year = $2 AND municipality_code = $3 AND month = $3`,
      [build, fiscalYear, ALL],
    );
    const values = new Map(rows.map((row) => [row.metric_id, Number(row.value)]));
    return this.metrics
      .filter((metric) => measureId === undefined || metric.measureId === measureId)
      .map((metric) => ({
        metricId: metric.id,
        measureId: metric.measureId,
        label: metric.label,
        unit: metric.unit,
        fiscalYear,
        value: values.get(metric.id) ?? 0,
      }));
  }

  /** Sum over fiscal years `from..to` of each metric's yearly total. */
  async sumOverYears(
    metricId: string,
    from: number,
    to: number,
    version?: string,
  ): Promise<number> {
    const build = version ?? (await this.activeVersion());
    const [row]: { total: string | null }[] = await this.dataSource.query(
      `SELECT sum(value) AS total FROM metric_counters
        WHERE projection_version = $1 AND metric_id = $2 AND fiscal_year BETWEEN $3 AND $4
          AND municipality_code = $5 AND month = $5`,
      [build, metricId, from, to, ALL],
    );
    return Number(row.total ?? 0);
  }

  async byMunicipality(fiscalYear: number, measureId?: string): Promise<BreakdownRow[]> {
    return this.breakdown(fiscalYear, measureId, 'municipality_code', 'month');
  }

  async byMonth(fiscalYear: number, measureId?: string): Promise<BreakdownRow[]> {
    return this.breakdown(fiscalYear, measureId, 'month', 'municipality_code');
  }

  async byGrouping(
    fiscalYear: number,
    grouping: Grouping,
    measureId?: string,
  ): Promise<BreakdownRow[]> {
    const build = await this.activeVersion();
    const metrics = this.metrics.filter(
      (m) => measureId === undefined || m.measureId === measureId,
    );
    const distinct = metrics.filter((m) => m.aggregate.kind === 'countDistinct').map((m) => m.id);
    const summed = metrics.filter((m) => m.aggregate.kind !== 'countDistinct').map((m) => m.id);
    const memberIds = grouping.members.map((member) => member.memberId);
    const codes = grouping.members.map((member) => member.municipalityCodes);
    const groups = `unnest($3::text[], $4::text[]) AS g(member_id, codes)`;
    const parameters = [build, fiscalYear, memberIds, codes.map((list) => list.join(',')), ALL];
    const [sums, counts]: { metric_id: string; member_id: string; value: string }[][] =
      await Promise.all([
        this.dataSource.query(
          `SELECT c.metric_id, g.member_id, sum(c.value) AS value FROM ${groups}
           JOIN metric_counters c ON c.projection_version = $1 AND c.fiscal_year = $2
            AND c.month = $5 AND c.municipality_code = ANY(string_to_array(g.codes, ','))
          WHERE c.metric_id = ANY($6::text[]) GROUP BY 1, 2`,
          [...parameters, summed],
        ),
        this.dataSource.query(
          `SELECT d.metric_id, g.member_id, count(DISTINCT d.member) AS value FROM ${groups}
           JOIN metric_distinct_members d ON d.projection_version = $1 AND d.fiscal_year = $2
            AND d.month = $5 AND d.municipality_code = ANY(string_to_array(g.codes, ','))
          WHERE d.metric_id = ANY($6::text[]) AND d.refcount > 0 GROUP BY 1, 2`,
          [...parameters, distinct],
        ),
      ]);
    const found = new Map(
      [...sums, ...counts].map((row) => [`${row.metric_id}/${row.member_id}`, Number(row.value)]),
    );
    return metrics.flatMap((metric) =>
      memberIds.map((memberId) => ({
        metricId: metric.id,
        fiscalYear,
        key: `${grouping.groupingId}/${memberId}`,
        value: found.get(`${metric.id}/${memberId}`) ?? 0,
      })),
    );
  }

  private async breakdown(
    fiscalYear: number,
    measureId: string | undefined,
    dimension: 'municipality_code' | 'month',
    whole: 'municipality_code' | 'month',
  ): Promise<BreakdownRow[]> {
    const build = await this.activeVersion();
    const ids = this.metrics
      .filter((m) => measureId === undefined || m.measureId === measureId)
      .map((m) => m.id);
    const rows: { metric_id: string; key: string; value: string }[] = await this.dataSource.query(
      `SELECT metric_id, ${dimension} AS key, value FROM metric_counters
        WHERE projection_version = $1 AND fiscal_year = $2 AND ${whole} = $3 AND ${dimension} <> $3
          AND metric_id = ANY($4::text[]) AND value <> 0
        ORDER BY metric_id, key`,
      [build, fiscalYear, ALL, ids],
    );
    return rows.map((row) => ({
      metricId: row.metric_id,
      fiscalYear,
      key: row.key,
      value: Number(row.value),
    }));
  }
}
