/** Conversions between EventStoreDB's gRPC messages and the test server's in-memory log. */
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
  Timeout,
} from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  LoggedEvent,
} from './in-memory-event-log';

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
}

export function parseUuid(uuid: UUID | undefined): string {
  if (uuid === undefined) throw new Error('Missing UUID');
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (structured === undefined) throw new Error('Empty UUID');
  const hex =
    BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
    BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function formatUuid(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString())
      .setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString()),
  );
}

export function readEvent(
  event: LoggedEvent,
  uuidOption: ReadReq.Options.UUIDOption | undefined,
): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(formatUuid(event.id, uuidOption?.hasStructured() ?? false))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.createdTicks.toString());
  const read = new ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(event.position.toString());
  return new ReadResp().setEvent(read);
}

/** The details a wrong-expected-version answer carries, in the BatchAppend (shared) form. */
export function wrongExpectedVersionDetails(
  currentRevision: bigint,
  expected: bigint,
): WrongExpectedVersion {
  const details = new WrongExpectedVersion();
  if (currentRevision < 0n) details.setCurrentNoStream(new ProtobufEmpty());
  else details.setCurrentStreamRevision(currentRevision.toString());
  if (expected === EXPECTED_ANY) details.setExpectedAny(new ProtobufEmpty());
  else if (expected === EXPECTED_NO_STREAM) details.setExpectedNoStream(new ProtobufEmpty());
  else if (expected === EXPECTED_STREAM_EXISTS)
    details.setExpectedStreamExists(new ProtobufEmpty());
  else details.setExpectedStreamPosition(expected.toString());
  return details;
}

export function errorStatus(
  code: Code,
  message: string,
  details: { serializeBinary(): Uint8Array },
  typeName: string,
): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

export function timeoutStatus(): Status {
  return errorStatus(
    Code.DEADLINE_EXCEEDED,
    'Timeout',
    new Timeout(),
    'event_store.client.Timeout',
  );
}

export { Code, Empty };
