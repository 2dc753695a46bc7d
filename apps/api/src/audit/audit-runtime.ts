import {
  AsOfFiguresReader,
  AuditDatabase,
  AuditQueryLog,
  AuditedFiguresQuery,
  DEFAULT_CHECKPOINT_INTERVAL,
  HashChainRecorder,
  MetricTrailReader,
  openAuditDatabase,
} from '@ledger/audit';
import { METRICS } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';

/**
 * The audit side's parts over one connection pool. The hash-chain recorder runs here, in
 * every api process: the ledger's primary key makes a second recorder's work roll back,
 * and checkpoint ids are derived from their content, so two never record one twice.
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
    private readonly closeDatabase: () => Promise<void>,
    checkpointInterval: number,
  ) {
    this.reader = new AsOfFiguresReader(database, METRICS);
    this.figures = new AuditedFiguresQuery(eventStore, this.reader);
    this.trails = new MetricTrailReader(database, eventStore, this.reader);
    this.log = new AuditQueryLog(database);
    this.recorder = new HashChainRecorder({
      eventStore,
      database,
      checkpointInterval,
      onError: (error) => console.error('hash chain recorder:', error),
    });
  }

  static async open(
    databaseUrl: string,
    eventStore: EventStore,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<AuditRuntime> {
    const interval = Number(env.AUDIT_CHECKPOINT_INTERVAL ?? DEFAULT_CHECKPOINT_INTERVAL);
    const { database, close } = await openAuditDatabase(databaseUrl);
    return new AuditRuntime(eventStore, database, close, interval);
  }

  async stop(): Promise<void> {
    await this.recorder.stop();
    await this.closeDatabase();
  }
}
