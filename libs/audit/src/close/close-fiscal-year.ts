import { MetricDefinition } from '@ledger/domain';
import { EventStore, StreamNotFoundError, WrongExpectedRevisionError } from '@ledger/event-store';
import { AsOfFiguresReader } from '../as-of/as-of-figures.reader';
import { activeReportingBuild, activeTimelineBuild } from '../as-of/reporting-build';
import { HashChainRecorder } from '../hash-chain/hash-chain-recorder';
import { SqlRunner } from '../persistence/audit-database';
import {
  FiscalYearClose,
  fiscalYearClosedEvent,
  fiscalYearStream,
} from './fiscal-year-closed.event';

export class FiscalYearAlreadyClosedError extends Error {
  readonly code = 'fiscal-year-already-closed';
  constructor(readonly fiscalYear: number) {
    super(`Fiscal year ${fiscalYear} is already closed`);
  }
}

export class ReadModelBehindError extends Error {
  readonly code = 'read-model-behind';
  constructor(position: number) {
    super(`The read models did not reach position ${position} in time; try the close again`);
  }
}

export interface CloseFiscalYearOptions {
  eventStore: EventStore;
  database: SqlRunner;
  recorder: HashChainRecorder;
  metrics: readonly MetricDefinition[];
  fiscalYear: number;
  closedBy: string;
  now: () => Date;
  /** How long to wait for the read model to reach the close's checkpoint. */
  timeoutMs?: number;
}

/**
 * Closes a fiscal year: checkpoints the hash chain at the store's head, waits for the read
 * model to reach it, and records every metric's figure over exactly the checkpointed
 * events. The close is the first event of its stream, so a year closes once.
 */
export async function closeFiscalYear(options: CloseFiscalYearOptions): Promise<FiscalYearClose> {
  const { eventStore, database, recorder, metrics, fiscalYear } = options;
  const stream = fiscalYearStream(fiscalYear);
  if (await streamExists(eventStore, stream)) {
    throw new FiscalYearAlreadyClosedError(fiscalYear);
  }
  const hashCheckpoint = await recorder.checkpointHead('fiscal-year-close');
  await waitForReportingPosition(database, hashCheckpoint.position, options.timeoutMs ?? 30_000);
  const answer = await new AsOfFiguresReader(database, metrics).figures(fiscalYear, {
    throughPosition: hashCheckpoint.position,
  });
  const data = {
    fiscalYear,
    closedAt: options.now().toISOString(),
    closedBy: options.closedBy,
    figures: Object.fromEntries(answer.figures.map((figure) => [figure.metricId, figure.value])),
    hashCheckpoint,
  };
  try {
    const { positions } = await eventStore.append(
      stream,
      [fiscalYearClosedEvent(data)],
      'no_stream',
    );
    const [stored] = await eventStore.readStream(stream, { maxCount: 1 });
    return { ...data, position: positions[0], recordedAt: stored.recordedAt };
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError)
      throw new FiscalYearAlreadyClosedError(fiscalYear);
    throw error;
  }
}

async function streamExists(eventStore: EventStore, stream: string): Promise<boolean> {
  try {
    return (await eventStore.readStream(stream, { maxCount: 1 })).length > 0;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return false;
    throw error;
  }
}

async function waitForReportingPosition(
  database: SqlRunner,
  position: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const builds = await Promise.all([
      activeReportingBuild(database),
      activeTimelineBuild(database),
    ]).catch(() => []);
    if (builds.length === 2 && builds.every((build) => build.position >= position)) return;
    if (Date.now() >= deadline) throw new ReadModelBehindError(position);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
