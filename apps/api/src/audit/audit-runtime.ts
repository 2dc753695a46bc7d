import {
  AsOfFiguresReader,
  AuditDatabase,
  AuditQueryLog,
  AuditedFiguresQuery,
  HashChainRecorder,
  MetricTimelineProjection,
  MetricTrailReader,
  openAuditDatabase,
} from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { ProjectionRunner, exclusivityFor } from '@ledger/projections';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ProjectorMode } from '../reporting/projector/projector-mode';

/**
 * The audit side's parts over one connection pool. Two followers of the store run here
 * when this process runs the projections (`followers: 'in-process'`), otherwise in the
 * projector process (apps/projector), so that recording does not share its core with them:
 * the metric timeline projection (on the projection engine, whose exclusivity and
 * checkpoint compare-and-set let only one process apply a batch) and the hash-chain
 * recorder (whose ledger key makes a second recorder's work roll back, and whose
 * checkpoint ids are derived from their content, so two never record one twice). The
 * recorder is built either way: closing a fiscal year brings the chain to the head on demand.
 */
export class AuditRuntime {
  readonly reader: AsOfFiguresReader;
  readonly figures: AuditedFiguresQuery;
  readonly trails: MetricTrailReader;
  readonly log: AuditQueryLog;
  readonly recorder: HashChainRecorder;

  private constructor(
    readonly eventStore: EventStore,
    readonly database: AuditDatabase,
    private readonly timeline: ProjectionRunner | null,
    private readonly closeDatabase: () => Promise<void>,
    env: NodeJS.ProcessEnv,
  ) {
    this.reader = new AsOfFiguresReader(database, METRICS);
    this.figures = new AuditedFiguresQuery(eventStore, this.reader);
    this.trails = new MetricTrailReader(database, eventStore, this.reader);
    this.log = new AuditQueryLog(database);
    this.recorder = HashChainRecorder.configured(eventStore, database, env);
  }

  static async open(
    databaseUrl: string,
    eventStore: EventStore,
    followers: ProjectorMode,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<AuditRuntime> {
    const { database, dataSource, close } = await openAuditDatabase(databaseUrl);
    const timeline =
      followers === 'in-process'
        ? new ProjectionRunner({
            dataSource,
            eventStore,
            projection: new MetricTimelineProjection(METRICS),
            exclusivity: await exclusivityFor(
              dataSource,
              `${hostname()}:${process.pid}:${randomUUID()}`,
            ),
            onError: (error) => console.error('metric timeline projection:', error),
          })
        : null;
    return new AuditRuntime(eventStore, database, timeline, close, env);
  }

  start(): void {
    if (!this.timeline) return;
    this.timeline.start();
    this.recorder.start();
  }

  async stop(): Promise<void> {
    if (this.timeline) {
      await this.timeline.stop();
      await this.recorder.stop();
    }
    await this.closeDatabase();
  }
}
