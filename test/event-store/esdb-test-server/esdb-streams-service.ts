/**
 * EventStoreDB's Streams service, in memory: Read (streams, $all, catch-up subscriptions to
 * $all), Append and BatchAppend, answering as EventStoreDB 24 does.
 */
import * as grpc from '@grpc/grpc-js';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  AllStreamPosition,
  BadRequest,
  Empty,
  UUID,
} from '@eventstore/db-client/generated/shared_pb';
import { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import {
  Code,
  errorStatus,
  parseUuid,
  readEvent,
  streamIdentifier,
  streamName,
  timeoutStatus,
  wrongExpectedVersionDetails,
} from './esdb-protocol';
import {
  CommitResult,
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  InMemoryEventLog,
  LoggedEvent,
  ProposedEvent,
} from './in-memory-event-log';

/** Lets a test hold every append unanswered, to see what the client does at its deadline. */
export interface AppendGate {
  held: boolean;
}

export function streamsService(
  log: InMemoryEventLog,
  record: (rpc: string) => void,
  gate: AppendGate,
): IStreamsServer {
  return {
    read: (call) => {
      record('Read');
      read(log, call);
    },
    append: (call, callback) => {
      record('Append');
      append(log, gate, call, callback);
    },
    batchAppend: (call) => {
      record('BatchAppend');
      batchAppend(log, gate, call);
    },
    delete: (_call, callback) => callback(unimplemented('Delete')),
    tombstone: (_call, callback) => callback(unimplemented('Tombstone')),
  };
}

function unimplemented(method: string): grpc.ServiceError {
  return Object.assign(new Error(`${method} is not implemented by the test server`), {
    code: grpc.status.UNIMPLEMENTED,
    details: `${method} is not implemented by the test server`,
    metadata: new grpc.Metadata(),
  });
}

function toProposed(
  message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage,
): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) {
    throw new Error('Proposed message lacks the required "type" or "content-type" metadata');
  }
  return {
    id: parseUuid(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function appendExpectedVersion(options: AppendReq.Options): bigint {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return BigInt(options.getRevision());
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return EXPECTED_NO_STREAM;
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return EXPECTED_STREAM_EXISTS;
    default:
      return EXPECTED_ANY;
  }
}

function batchExpectedVersion(options: BatchAppendReq.Options): bigint {
  switch (options.getExpectedStreamPositionCase()) {
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
      return BigInt(options.getStreamPosition());
    case BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
      return EXPECTED_NO_STREAM;
    case BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
      return EXPECTED_STREAM_EXISTS;
    default:
      return EXPECTED_ANY;
  }
}

function append(
  log: InMemoryEventLog,
  gate: AppendGate,
  call: grpc.ServerReadableStream<AppendReq, AppendResp>,
  callback: grpc.sendUnaryData<AppendResp>,
): void {
  let options: AppendReq.Options | undefined;
  const events: ProposedEvent[] = [];
  let failure: Error | undefined;
  call.on('data', (request: AppendReq) => {
    try {
      if (options === undefined) {
        // The protocol: one options message first, then the proposed messages.
        const first = request.getOptions();
        if (first === undefined) throw new Error('The first append message must carry the options');
        options = first;
        return;
      }
      const proposed = request.getProposedMessage();
      if (proposed === undefined)
        throw new Error('Append messages after the first must be proposed messages');
      events.push(toProposed(proposed));
    } catch (error) {
      failure ??= error as Error;
    }
  });
  call.on('end', () => {
    if (failure !== undefined || options === undefined) {
      callback({
        code: grpc.status.INVALID_ARGUMENT,
        details: (failure ?? new Error('No options')).message,
      });
      return;
    }
    if (gate.held) return;
    const expected = appendExpectedVersion(options);
    const result = log.commit(streamName(options.getStreamIdentifier()), expected, events);
    callback(null, appendResponse(result, expected));
  });
}

function appendResponse(result: CommitResult, expected: bigint): AppendResp {
  if (result.kind === 'wrong-expected-version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (result.currentRevision < 0n) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentRevision(result.currentRevision.toString());
    if (expected === EXPECTED_ANY) wrong.setExpectedAny(new Empty());
    else if (expected === EXPECTED_NO_STREAM) wrong.setExpectedNoStream(new Empty());
    else if (expected === EXPECTED_STREAM_EXISTS) wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedRevision(expected.toString());
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (result.lastRevision < 0n) success.setNoStream(new Empty());
  else success.setCurrentRevision(result.lastRevision.toString());
  if (result.position < 0n) success.setNoPosition(new Empty());
  else {
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(result.position.toString())
        .setPreparePosition(result.position.toString()),
    );
  }
  return new AppendResp().setSuccess(success);
}

interface PendingBatch {
  stream: string;
  expected: bigint;
  events: ProposedEvent[];
  timer: NodeJS.Timeout;
}

function batchAppend(
  log: InMemoryEventLog,
  gate: AppendGate,
  call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
): void {
  const pending = new Map<string, PendingBatch>();
  const answer = (correlationId: string, stream: string, response: BatchAppendResp) => {
    if (call.cancelled || call.writableEnded) return;
    call.write(
      response
        .setCorrelationId(new UUID().setString(correlationId))
        .setStreamIdentifier(streamIdentifier(stream)),
    );
  };
  call.on('data', (request: BatchAppendReq) => {
    const correlationId = parseUuid(request.getCorrelationId());
    const options = request.getOptions();
    if (options !== undefined && !pending.has(correlationId)) {
      const stream = streamName(options.getStreamIdentifier());
      const deadline = options.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
      // The client's call has no deadline of its own: each batch carries one, and the server
      // answers Timeout when a batch is still unfinished (or held) when it passes.
      const timer = setTimeout(
        () => {
          if (pending.delete(correlationId) || gate.held) {
            answer(correlationId, stream, new BatchAppendResp().setError(timeoutStatus()));
          }
        },
        Math.max(0, Math.min(deadline - Date.now(), 2 ** 31 - 1)),
      );
      pending.set(correlationId, {
        stream,
        expected: batchExpectedVersion(options),
        events: [],
        timer,
      });
    }
    const batch = pending.get(correlationId);
    if (batch === undefined) return;
    try {
      batch.events.push(...request.getProposedMessagesList().map(toProposed));
    } catch (error) {
      pending.delete(correlationId);
      clearTimeout(batch.timer);
      answer(
        correlationId,
        batch.stream,
        new BatchAppendResp().setError(
          errorStatus(
            Code.INVALID_ARGUMENT,
            'BadRequest',
            new BadRequest().setMessage((error as Error).message),
            'event_store.client.BadRequest',
          ),
        ),
      );
      return;
    }
    if (!request.getIsFinal()) return;
    pending.delete(correlationId);
    if (gate.held) return;
    clearTimeout(batch.timer);
    const result = log.commit(batch.stream, batch.expected, batch.events);
    answer(correlationId, batch.stream, batchResponse(result, batch.expected));
  });
  call.on('end', () => {
    for (const batch of pending.values()) clearTimeout(batch.timer);
    call.end();
  });
  call.on('cancelled', () => {
    for (const batch of pending.values()) clearTimeout(batch.timer);
  });
}

function batchResponse(result: CommitResult, expected: bigint): BatchAppendResp {
  if (result.kind === 'wrong-expected-version') {
    return new BatchAppendResp().setError(
      errorStatus(
        Code.ALREADY_EXISTS,
        'WrongExpectedVersion',
        wrongExpectedVersionDetails(result.currentRevision, expected),
        'event_store.client.WrongExpectedVersion',
      ),
    );
  }
  const success = new BatchAppendResp.Success();
  if (result.lastRevision < 0n) success.setNoStream(new ProtobufEmpty());
  else success.setCurrentRevision(result.lastRevision.toString());
  if (result.position < 0n) success.setNoPosition(new ProtobufEmpty());
  else {
    success.setPosition(
      new AllStreamPosition()
        .setCommitPosition(result.position.toString())
        .setPreparePosition(result.position.toString()),
    );
  }
  return new BatchAppendResp().setSuccess(success);
}

/** An event's place in $all, compared as EventStoreDB compares (commit, prepare) pairs. */
function compareToPosition(event: LoggedEvent, commit: bigint, prepare: bigint): number {
  if (event.position !== commit) return event.position < commit ? -1 : 1;
  return event.position === prepare ? 0 : event.position < prepare ? -1 : 1;
}

function eventFilter(options: ReadReq.Options): (event: LoggedEvent) => boolean {
  const filter = options.getFilter();
  if (!options.hasFilter() || filter === undefined) return () => true;
  const onType = filter.hasEventType();
  const expression = onType ? filter.getEventType() : filter.getStreamIdentifier();
  const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression?.getPrefixList() ?? [];
  return (event) => {
    const subject = onType ? event.type : event.streamName;
    if (regex !== undefined && !regex.test(subject)) return false;
    return prefixes.length === 0 || prefixes.some((prefix) => subject.startsWith(prefix));
  };
}

function read(log: InMemoryEventLog, call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
  const options = call.request.getOptions();
  if (options === undefined) {
    call.destroy(
      Object.assign(new Error('Read without options'), { code: grpc.status.INVALID_ARGUMENT }),
    );
    return;
  }
  const uuidOption = options.getUuidOption();
  const accepts = eventFilter(options);
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;

  if (options.hasSubscription()) {
    const all = options.getAll();
    if (!options.hasAll() || all === undefined) {
      call.destroy(
        Object.assign(new Error('Stream subscriptions are not implemented by the test server'), {
          code: grpc.status.UNIMPLEMENTED,
        }),
      );
      return;
    }
    subscribeToAll(log, call, all, accepts, uuidOption);
    return;
  }

  const count = Number(BigInt(options.getCount()));
  let selected: readonly LoggedEvent[];
  const streamOptions = options.getStream();
  const allOptions = options.getAll();
  if (options.hasStream() && streamOptions !== undefined) {
    const name = streamName(streamOptions.getStreamIdentifier());
    const stream = log.stream(name);
    if (stream === undefined) {
      call.write(
        new ReadResp().setStreamNotFound(
          new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)),
        ),
      );
      call.end();
      return;
    }
    const from = streamOptions.hasRevision()
      ? BigInt(streamOptions.getRevision())
      : streamOptions.hasEnd()
        ? BigInt(stream.length)
        : 0n;
    selected = backwards
      ? stream.filter((event) => event.revision <= from).reverse()
      : stream.filter((event) => event.revision >= from);
  } else if (allOptions !== undefined) {
    const position = allOptions.getPosition();
    const events = log.all();
    if (backwards) {
      // Backwards from a position excludes the event at it; from the end includes everything.
      selected = (
        allOptions.hasPosition() && position !== undefined
          ? events.filter(
              (event) =>
                compareToPosition(
                  event,
                  BigInt(position.getCommitPosition()),
                  BigInt(position.getPreparePosition()),
                ) < 0,
            )
          : allOptions.hasEnd()
            ? events
            : []
      )
        .slice()
        .reverse();
    } else {
      // Forwards from a position includes the event at it.
      selected =
        allOptions.hasPosition() && position !== undefined
          ? events.filter(
              (event) =>
                compareToPosition(
                  event,
                  BigInt(position.getCommitPosition()),
                  BigInt(position.getPreparePosition()),
                ) >= 0,
            )
          : allOptions.hasEnd()
            ? []
            : events;
    }
  } else {
    call.destroy(
      Object.assign(new Error('Read without a stream or $all'), {
        code: grpc.status.INVALID_ARGUMENT,
      }),
    );
    return;
  }
  for (const event of selected.filter(accepts).slice(0, count))
    call.write(readEvent(event, uuidOption));
  call.end();
}

function subscribeToAll(
  log: InMemoryEventLog,
  call: grpc.ServerWritableStream<ReadReq, ReadResp>,
  all: ReadReq.Options.AllOptions,
  accepts: (event: LoggedEvent) => boolean,
  uuidOption: ReadReq.Options.UUIDOption | undefined,
): void {
  call.write(
    new ReadResp().setConfirmation(
      new ReadResp.SubscriptionConfirmation().setSubscriptionId(
        `$all-${Math.random().toString(36).slice(2)}`,
      ),
    ),
  );
  const events = log.all();
  let history: readonly LoggedEvent[];
  const position = all.getPosition();
  if (all.hasPosition() && position !== undefined) {
    // As EventStoreDB does: read the first event at or after the position, then start after it.
    const first = events.findIndex(
      (event) =>
        compareToPosition(
          event,
          BigInt(position.getCommitPosition()),
          BigInt(position.getPreparePosition()),
        ) >= 0,
    );
    history = first < 0 ? [] : events.slice(first + 1);
  } else {
    history = all.hasEnd() ? [] : events;
  }
  for (const event of history) if (accepts(event)) call.write(readEvent(event, uuidOption));
  const head = events[events.length - 1]?.position ?? 0n;
  call.write(
    new ReadResp().setCheckpoint(
      new ReadResp.Checkpoint()
        .setCommitPosition(head.toString())
        .setPreparePosition(head.toString()),
    ),
  );
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  // Registered in the same turn as the history was read, so no commit falls between them.
  const unsubscribe = log.onCommitted((event) => {
    if (accepts(event)) call.write(readEvent(event, uuidOption));
  });
  call.on('cancelled', unsubscribe);
  call.on('close', unsubscribe);
}
