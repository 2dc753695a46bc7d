import { EventStore } from '@ledger/event-store';
import { fiscalYearCloseAt } from '../close/fiscal-year-closes';
import { FiscalYearClose } from '../close/fiscal-year-closed.event';
import { HashCheckpoint } from '../hash-chain/hash-checkpoint.event';
import { AppliedCut, AsOf } from './as-of';
import { AnsweredBy, AsOfFigure, AsOfFiguresReader, AsOfKpi } from './as-of-figures.reader';

/** A figure beside the one recorded when its year closed, when it had closed by the cut. */
export interface Closed {
  /** The figure at the close; null when the close did not record this metric. */
  closed: number | null;
  /** What events recorded after the close changed: current minus closed. */
  postCloseAdjustment: number | null;
}

export interface CloseSummary {
  closedAt: string;
  closedBy: string;
  position: number;
  hashCheckpoint: HashCheckpoint;
}

export interface AuditedFigures {
  fiscalYear: number;
  cut: AppliedCut;
  answeredBy: AnsweredBy;
  close: CloseSummary | null;
  figures: (AsOfFigure & Closed)[];
}

export interface AuditedKpis {
  fiscalYear: number;
  cut: AppliedCut;
  answeredBy: AnsweredBy;
  close: CloseSummary | null;
  kpis: (AsOfKpi & Closed)[];
}

/** As-of figures and KPIs, each beside its closed figure once the year is closed. */
export class AuditedFiguresQuery {
  constructor(
    private readonly eventStore: EventStore,
    readonly reader: AsOfFiguresReader,
  ) {}

  async metrics(
    fiscalYear: number,
    asOf: AsOf,
    metricIds?: readonly string[],
  ): Promise<AuditedFigures> {
    const answer = await this.reader.figures(fiscalYear, asOf, metricIds);
    const close = await this.closeAt(fiscalYear, asOf);
    return {
      ...answer,
      close: summary(close),
      figures: answer.figures.map((figure) => ({
        ...figure,
        ...beside(close, figure.metricId, figure.value),
      })),
    };
  }

  async kpis(fiscalYear: number, asOf: AsOf): Promise<AuditedKpis> {
    const answer = await this.reader.kpis(fiscalYear, asOf);
    const close = await this.closeAt(fiscalYear, asOf);
    return {
      ...answer,
      close: summary(close),
      kpis: answer.kpis.map((kpi) => ({ ...kpi, ...beside(close, kpi.metricId, kpi.value) })),
    };
  }

  /** Closed figures cover the whole year, so they stand beside whole-year answers only. */
  private async closeAt(fiscalYear: number, asOf: AsOf): Promise<FiscalYearClose | undefined> {
    if (asOf.occurredBy !== undefined && asOf.occurredBy < `${fiscalYear + 1}-03-31`)
      return undefined;
    return fiscalYearCloseAt(this.eventStore, fiscalYear, asOf);
  }
}

function beside(close: FiscalYearClose | undefined, metricId: string, value: number): Closed {
  if (!close) return { closed: null, postCloseAdjustment: null };
  const closed = close.figures[metricId];
  if (closed === undefined) return { closed: null, postCloseAdjustment: null };
  return { closed, postCloseAdjustment: value - closed };
}

function summary(close: FiscalYearClose | undefined): CloseSummary | null {
  if (!close) return null;
  return {
    closedAt: close.closedAt,
    closedBy: close.closedBy,
    position: close.position,
    hashCheckpoint: close.hashCheckpoint,
  };
}
