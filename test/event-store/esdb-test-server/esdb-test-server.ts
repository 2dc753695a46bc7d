/**
 * An in-process stand-in for an EventStoreDB node, speaking its gRPC protocol with the
 * client package's own generated service definitions, for tests on machines where no
 * EventStoreDB server can run. It implements what the ledger's adapter uses: server features,
 * Append, BatchAppend and Read (streams, $all, catch-up subscriptions to $all).
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendGate, streamsService } from './esdb-streams-service';
import { EXPECTED_ANY, InMemoryEventLog } from './in-memory-event-log';

export interface EsdbTestServerOptions {
  /** Advertise BatchAppend in the server features, so the client appends through it. */
  batchAppend: boolean;
}

const STREAMS_SERVICE = 'event_store.client.streams.Streams';

export class EsdbTestServer {
  /** How many calls of each RPC the server received, by method name. */
  readonly calls = new Map<string, number>();
  private readonly log = new InMemoryEventLog();
  private readonly gate: AppendGate = { held: false };

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  static async start(options: EsdbTestServerOptions): Promise<EsdbTestServer> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const started = new EsdbTestServer(server, port);
    const record = (rpc: string) => started.calls.set(rpc, (started.calls.get(rpc) ?? 0) + 1);
    server.addService(StreamsService, streamsService(started.log, record, started.gate));
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (
        _call: grpc.ServerUnaryCall<unknown, SupportedMethods>,
        callback: grpc.sendUnaryData<SupportedMethods>,
      ) => {
        record('GetSupportedMethods');
        const methods = ['Read', 'Append', 'Delete', 'Tombstone']
          .concat(options.batchAppend ? ['BatchAppend'] : [])
          .map((method) =>
            new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(method),
          );
        callback(
          null,
          new SupportedMethods().setEventStoreServerVersion('24.10.0').setMethodsList(methods),
        );
      },
    });
    // A real node writes its own events to $all from the start; the ledger must skip them.
    started.appendSystemEvent();
    return started;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Writes an event of the server's own, as EventStoreDB does ($settings, $statsCollected…). */
  appendSystemEvent(): void {
    this.log.commit('$stats-127.0.0.1:2113', EXPECTED_ANY, [
      {
        id: randomUUID(),
        type: '$statsCollected',
        contentType: 'application/json',
        data: Buffer.from('{"proc-cpu":0.1}'),
        customMetadata: new Uint8Array(),
      },
    ]);
  }

  /** Leaves every append unanswered until released, as a node that stopped writing would. */
  holdAppends(held: boolean): void {
    this.gate.held = held;
  }

  /** Ends every open call at once (subscriptions never end by themselves). */
  stop(): void {
    this.server.forceShutdown();
  }
}
