import { ActivityToRecord, RecordActivities } from './record-activities.command';
import {
  claimsOf,
  recordingStreamOf,
  referencesOf,
  toNewEvents,
  unknownReferences,
  validateActivities,
} from './record-activities.decide';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const consultation = (n: number, data: Record<string, unknown> = {}): ActivityToRecord => ({
  id: ID(n),
  type: 'ConsultationHandled',
  occurredOn: '2023-06-02',
  data: { bodyId: 'peer-support-center', channel: 'phone', iceAgeGeneration: true, ...data },
});
const declaration = (n: number, organizationId: string): ActivityToRecord => ({
  id: ID(n),
  type: 'DeclarationSigned',
  occurredOn: '2023-10-07',
  data: {
    bodyId: 'child-welfare-policy-dept',
    organizationId,
    organizationName: '四万十町商工会',
    organizationKind: 'company-or-organisation',
  },
});
const retraction = (n: number, eventId: string): ActivityToRecord => ({
  id: ID(n),
  type: 'RecordRetracted',
  occurredOn: '2023-11-01',
  data: { bodyId: 'peer-support-center', eventId, reason: 'duplicate' },
});

describe('recording decisions', () => {
  it('names the batch stream after its first event', () => {
    expect(recordingStreamOf([consultation(1), consultation(2)])).toBe(`recording-${ID(1)}`);
  });

  it("reports the domain's errors with the request's paths, and repeated ids", () => {
    const batch = [
      consultation(1),
      consultation(2, { channel: 'fax' }),
      { ...consultation(3), id: ID(1), occurredOn: '2023-02-29' },
    ];

    expect(validateActivities(batch)).toEqual([
      {
        index: 1,
        id: ID(2),
        field: 'data.channel',
        reason: 'must be one of: email, phone, in_person',
      },
      { index: 2, id: ID(1), field: 'id', reason: 'repeats the id of event 0 of this batch' },
      {
        index: 2,
        id: ID(1),
        field: 'occurredOn',
        reason: 'must be an existing calendar date written YYYY-MM-DD',
      },
    ]);
  });

  it('validates an older schema version when one is given', () => {
    const v1 = {
      ...consultation(1),
      schemaVersion: 1,
      data: { bodyId: 'peer-support-center', iceAgeGeneration: false },
    };

    expect(validateActivities([v1])).toEqual([]);
    expect(validateActivities([{ ...v1, schemaVersion: undefined }])).toEqual([
      { index: 0, id: ID(1), field: 'data.channel', reason: 'is required' },
    ]);
  });

  it('accepts a reference to an event recorded before or earlier in the batch, and names any other', () => {
    const batch = [
      consultation(1),
      retraction(2, ID(1)),
      retraction(3, ID(9)),
      consultation(4, { supersedes: ID(8) }),
      retraction(5, ID(6)),
      consultation(6),
    ];
    const references = referencesOf(batch);

    expect(references.map((r) => [r.index, r.field, r.targetId])).toEqual([
      [1, 'data.eventId', ID(1)],
      [2, 'data.eventId', ID(9)],
      [3, 'data.supersedes', ID(8)],
      [4, 'data.eventId', ID(6)],
    ]);
    expect(unknownReferences(batch, references, new Set([ID(8)]))).toEqual([
      { index: 2, id: ID(3), field: 'data.eventId', reason: 'names no recorded event' },
      { index: 4, id: ID(5), field: 'data.eventId', reason: 'names no recorded event' },
    ]);
  });

  it('claims a declaration per organisation and a retraction per target', () => {
    expect(
      claimsOf([declaration(1, 'ochi-shokokai'), consultation(2), retraction(3, ID(7))]),
    ).toEqual([
      {
        streamId: 'declaration-ochi-shokokai',
        index: 0,
        eventId: ID(1),
        invariant: 'declaration-already-signed',
        field: 'data.organizationId',
        subject: 'ochi-shokokai',
      },
      {
        streamId: `retraction-${ID(7)}`,
        index: 2,
        eventId: ID(3),
        invariant: 'already-retracted',
        field: 'data.eventId',
        subject: ID(7),
      },
    ]);
  });

  it('refuses two claims on one invariant within a batch', () => {
    expect(() => claimsOf([retraction(1, ID(7)), retraction(2, ID(7))])).toThrow(
      `Event ${ID(7)} has already been retracted (event 0 of this batch); an event is retracted at most once.`,
    );
  });

  it('stores the data with occurredOn, the catalogue version and the recorder in metadata', () => {
    const command = new RecordActivities(
      [consultation(1)],
      { principal: 'desk', keyId: 'abc', bodyId: 'peer-support-center' },
      'corr',
      'cause',
    );

    expect(toNewEvents(command)).toEqual([
      {
        id: ID(1),
        type: 'ConsultationHandled',
        schemaVersion: 2,
        data: {
          bodyId: 'peer-support-center',
          channel: 'phone',
          iceAgeGeneration: true,
          occurredOn: '2023-06-02',
        },
        metadata: {
          recordedBy: 'desk',
          bodyId: 'peer-support-center',
          correlationId: 'corr',
          causationId: 'cause',
          apiKeyId: 'abc',
        },
      },
    ]);
  });
});
