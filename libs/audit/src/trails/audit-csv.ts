import { toCsv } from '@ledger/projections';
import { AuditedFigures, AuditedKpis } from '../as-of/audited-figures.query';
import { FigureHistory, MetricTrail } from './metric-trail.reader';
import { StreamHistory } from './stream-history.reader';

/** CSV renderings of the audit answers (UTF-8 with BOM, for Excel). */
export const auditCsv = {
  figures: (answer: AuditedFigures): string =>
    toCsv(
      ['fiscal_year', 'known_at', 'occurred_by', 'through_position', 'metric_id', 'measure_id', 'label', 'unit', 'value', 'closed', 'post_close_adjustment'],
      answer.figures.map((f) => [
        answer.fiscalYear, answer.cut.knownAt, answer.cut.occurredBy, answer.cut.throughPosition,
        f.metricId, f.measureId, f.label, f.unit, f.value, f.closed, f.postCloseAdjustment,
      ]),
    ),
  kpis: (answer: AuditedKpis): string =>
    toCsv(
      ['fiscal_year', 'known_at', 'occurred_by', 'through_position', 'kpi_id', 'numbering', 'metric_id', 'unit', 'target', 'value', 'achievement_rate', 'grade',
        'closed', 'post_close_adjustment'],
      answer.kpis.map((k) => [
        answer.fiscalYear, answer.cut.knownAt, answer.cut.occurredBy, answer.cut.throughPosition,
        k.kpiId, k.numbering, k.metricId, k.unit, k.target, k.value, k.achievementRate, k.grade, k.closed, k.postCloseAdjustment,
      ]),
    ),
  trail: (trail: MetricTrail): string =>
    toCsv(
      ['metric_id', 'fiscal_year', 'event_id', 'position', 'stream_id', 'type', 'occurred_on', 'recorded_at', 'recorded_by', 'body_id',
        'municipality_code', 'counts', 'supersedes', 'correction_kind', 'corrected_by', 'corrected_at', 'post_close'],
      trail.entries.map((e) => [
        trail.metricId, trail.fiscalYear, e.eventId, e.position, e.streamId, e.type, e.occurredOn, e.recordedAt, e.recordedBy, e.bodyId,
        e.municipalityCode, String(e.counts), e.supersedes, e.correction?.kind ?? null, e.correction?.byEventId ?? null,
        e.correction?.recordedAt ?? null, String(e.postClose),
      ]),
    ),
  history: (history: FigureHistory): string =>
    toCsv(
      ['metric_id', 'fiscal_year', 'date', 'value', 'change', 'events'],
      history.days.map((d) => [history.metricId, history.fiscalYear, d.date, d.value, d.change, d.events]),
    ),
  stream: (history: StreamHistory): string =>
    toCsv(
      ['stream_id', 'revision', 'position', 'event_id', 'type', 'schema_version', 'recorded_at', 'recorded_by', 'body_id', 'data', 'correction_kind', 'corrected_by'],
      history.events.map((e) => [
        history.streamId, e.revision, e.position, e.eventId, e.type, e.schemaVersion, e.recordedAt, e.recordedBy, e.bodyId,
        JSON.stringify(e.data), e.correction?.kind ?? null, e.correction?.byEventId ?? null,
      ]),
    ),
};
