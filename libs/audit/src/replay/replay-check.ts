import { MetricDefinition } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { AppliedCut, AsOf } from '../as-of/as-of';
import { AnsweredBy, AsOfFiguresReader } from '../as-of/as-of-figures.reader';
import { replayFigures } from './replay-figures';

export interface ReplayComparison {
  metricId: string;
  readModel: number;
  replayed: number;
}

export interface ReplayCheckReport {
  agrees: boolean;
  fiscalYear: number;
  cut: AppliedCut;
  answeredBy: AnsweredBy;
  eventsReplayed: number;
  figures: ReplayComparison[];
  mismatches: ReplayComparison[];
  durationMs: number;
}

/** The read models disagree with a replay of the store: they cannot be trusted. */
export class ReplayMismatchError extends Error {
  readonly code = 'replay-mismatch';
  constructor(readonly report: ReplayCheckReport) {
    super(
      `The read model disagrees with a replay of the store for FY${report.fiscalYear} through position ${report.cut.throughPosition}: ` +
        report.mismatches
          .map((m) => `${m.metricId} read model ${m.readModel}, replay ${m.replayed}`)
          .join('; '),
    );
  }
}

/**
 * The auditor's proof: the bitemporal answer for a cut, and a replay of the store to the
 * same cut through the domain's evaluator, metric by metric. The read model's position
 * bounds both, so events appended meanwhile never make them differ.
 */
export async function checkReplay(options: {
  eventStore: EventStore;
  reader: AsOfFiguresReader;
  metrics: readonly MetricDefinition[];
  fiscalYear: number;
  asOf: AsOf;
}): Promise<ReplayCheckReport> {
  const started = performance.now();
  const { fiscalYear, asOf, metrics } = options;
  const answer = await options.reader.figures(
    fiscalYear,
    asOf,
    metrics.map((metric) => metric.id),
  );
  const replay = await replayFigures(options.eventStore, metrics, fiscalYear, {
    occurredBy: asOf.occurredBy,
    throughPosition: answer.cut.throughPosition,
  });
  const figures = answer.figures.map((figure) => ({
    metricId: figure.metricId,
    readModel: figure.value,
    replayed: replay.values[figure.metricId],
  }));
  const mismatches = figures.filter((figure) => figure.readModel !== figure.replayed);
  return {
    agrees: mismatches.length === 0,
    fiscalYear,
    cut: answer.cut,
    answeredBy: answer.answeredBy,
    eventsReplayed: replay.eventsRead,
    figures,
    mismatches,
    durationMs: Math.round(performance.now() - started),
  };
}
