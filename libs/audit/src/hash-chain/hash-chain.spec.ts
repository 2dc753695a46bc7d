import { StoredEvent } from '@ledger/event-store';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, canonicalEvent, chainHash } from './hash-chain';
import { deterministicUuid } from './hash-checkpoint.event';

const event: StoredEvent = {
  id: 'A0B1C2D3-0000-4000-8000-000000000001',
  type: 'ConsultationHandled',
  schemaVersion: 1,
  data: { occurredOn: '2023-06-01', channel: 'email', nested: { z: 1, a: [true, null] } },
  metadata: { recordedBy: 'key:entry', bodyId: 'peer-support-center' },
  streamId: 'consultation-1',
  revision: 0,
  position: 42,
  recordedAt: new Date('2023-06-01T03:00:00.000Z'),
};

describe('hash chain', () => {
  it('writes keys sorted at every depth, whatever order they were stored in', () => {
    expect(canonicalJson({ b: 1, a: { d: 'x', c: [2, { f: 0, e: 1 }] }, skipped: undefined })).toBe(
      '{"a":{"c":[2,{"e":1,"f":0}],"d":"x"},"b":1}',
    );
  });

  it('covers every stored field of the event, with the id in lower case', () => {
    expect(canonicalEvent(event)).toBe(
      '{"data":{"channel":"email","nested":{"a":[true,null],"z":1},"occurredOn":"2023-06-01"},' +
        '"id":"a0b1c2d3-0000-4000-8000-000000000001","metadata":{"bodyId":"peer-support-center","recordedBy":"key:entry"},' +
        '"position":42,"recordedAt":"2023-06-01T03:00:00.000Z","revision":0,"schemaVersion":1,"streamId":"consultation-1","type":"ConsultationHandled"}',
    );
  });

  it('chains: sha256 of the previous hash in hex then the canonical bytes', () => {
    const first = chainHash(GENESIS_HASH, event);
    expect(first).toBe(
      createHash('sha256')
        .update(`${'0'.repeat(64)}${canonicalEvent(event)}`, 'utf8')
        .digest('hex'),
    );
    const reordered = {
      ...event,
      data: { nested: { a: [true, null], z: 1 }, channel: 'email', occurredOn: '2023-06-01' },
    };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(first);
    expect(chainHash(first, event)).not.toBe(first);
    expect(chainHash(GENESIS_HASH, { ...event, position: 43 })).not.toBe(first);
    expect(
      chainHash(GENESIS_HASH, { ...event, recordedAt: new Date('2023-06-01T03:00:00.001Z') }),
    ).not.toBe(first);
  });

  it('names checkpoint events by what they checkpoint', () => {
    expect(deterministicUuid('x')).toBe(deterministicUuid('x'));
    expect(deterministicUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
