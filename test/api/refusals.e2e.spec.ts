import { randomUUID } from 'node:crypto';
import { ApiTestApp, startApiTestApp } from './support/api-test-app';
import {
  consultationHandled,
  declarationSigned,
  recordRetracted,
  trainingSessionHeld,
} from './support/activity-samples';

const BODY = 'peer-support-center';

describe('POST /v1/events: refusals', () => {
  let api: ApiTestApp;
  let key: string;

  beforeAll(async () => {
    api = await startApiTestApp();
    key = await api.createKey({ role: 'recorder', bodyId: BODY });
  }, 120_000);

  afterAll(() => api.close());

  const post = (body: unknown) =>
    api
      .http()
      .post('/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .send(body as object);

  /** Posts, and checks that a refusal left the store exactly as it was. */
  async function refused(body: unknown) {
    const before = await api.store.readAll();
    const response = await post(body);
    expect(await api.store.readAll()).toEqual(before);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    return response;
  }

  describe('400 naming the event, field and reason', () => {
    it.each([
      [
        'an unknown type',
        { ...consultationHandled(), type: 'ConsultationHeld' },
        [{ field: 'type', reason: 'is not a known activity type' }],
      ],
      [
        'a missing field',
        consultationHandled({ channel: undefined }),
        [{ field: 'data.channel', reason: 'must be one of: email, phone, in_person' }],
      ],
      [
        'a field of the wrong type',
        trainingSessionHeld({ attendees: '56' }),
        [
          { field: 'data.attendees', reason: 'must be an integer' },
          { field: 'data.attendees', reason: 'must be at least 0' },
        ],
      ],
      [
        'a date that does not exist',
        { ...consultationHandled(), occurredOn: '2023-02-30' },
        [{ field: 'occurredOn', reason: 'must be an existing calendar date written YYYY-MM-DD' }],
      ],
      [
        'an unknown municipality',
        consultationHandled({ municipalityCode: '39207' }),
        [
          {
            field: 'data.municipalityCode',
            reason: 'must be the 5-digit JIS code of a Kochi municipality',
          },
        ],
      ],
      [
        'an unknown field',
        consultationHandled({ name: '山田太郎' }),
        [{ field: 'data.name', reason: 'is not a field of this event' }],
      ],
      [
        // Well-formed for the request's checks: only the domain's rules refuse it.
        'a rule across the fields of one event',
        {
          id: randomUUID(),
          type: 'MeetingHeld',
          occurredOn: '2023-06-08',
          data: { kind: 'liaison', title: 'ひきこもり支援者連絡会議', attendees: 31 },
        },
        [{ field: 'data.blockId', reason: 'is required for a liaison meeting' }],
      ],
    ])('%s', async (_, bad, expected) => {
      const good = consultationHandled();
      const response = await refused({ events: [good, bad] });

      expect(response.status).toBe(400);
      const byReason = (a: { reason: string }, b: { reason: string }) =>
        a.reason.localeCompare(b.reason);
      expect([...response.body.errors].sort(byReason)).toEqual(
        expected.map((e) => ({ index: 1, id: bad.id, ...e })).sort(byReason),
      );
    });

    it('an unknown body, from a key that may record for any body', async () => {
      const admin = await api.createKey({ role: 'admin' });
      const bad = consultationHandled({ bodyId: 'nobody' });
      const before = await api.store.readAll();

      const response = await api
        .http()
        .post('/v1/events')
        .set('Authorization', `Bearer ${admin}`)
        .send({ events: [consultationHandled({ bodyId: BODY }), bad] });

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { index: 1, id: bad.id, field: 'data.bodyId', reason: 'is not a body of the plan' },
      ]);
      expect(await api.store.readAll()).toEqual(before);
    });

    it('a retraction of an event that does not exist', async () => {
      const retraction = recordRetracted(randomUUID());
      const response = await refused({ events: [retraction] });

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { index: 0, id: retraction.id, field: 'data.eventId', reason: 'names no recorded event' },
      ]);
    });

    it('the same id twice in one batch', async () => {
      const first = consultationHandled();
      const again = { ...consultationHandled(), id: first.id };
      const response = await refused({ events: [first, again] });

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { index: 1, id: first.id, field: 'id', reason: 'repeats the id of event 0 of this batch' },
      ]);
    });

    it('no events, and more than 1000', async () => {
      const none = await refused({ events: [] });
      const many = await refused({
        events: Array.from({ length: 1001 }, () => consultationHandled()),
      });

      expect([none.status, many.status]).toEqual([400, 400]);
      expect(none.body.errors).toEqual([
        { field: 'events', reason: 'must hold 1 to 1000 events; got 0' },
      ]);
      expect(many.body.errors).toEqual([
        { field: 'events', reason: 'must hold 1 to 1000 events; got 1001' },
      ]);
    });

    it('every bad event of the batch at once', async () => {
      const a = { ...consultationHandled(), occurredOn: '2023-13-01' };
      const b = consultationHandled();
      const c = trainingSessionHeld({ courseId: 'unknown-course', attendees: -1 });
      const response = await refused({ events: [a, b, c] });

      expect(response.status).toBe(400);
      expect(
        response.body.errors.map((e: { index: number; field: string }) => [e.index, e.field]),
      ).toEqual([
        [0, 'occurredOn'],
        [2, 'data.courseId'],
        [2, 'data.attendees'],
      ]);
    });

    it('malformed JSON', async () => {
      const response = await api
        .http()
        .post('/v1/events')
        .set('Authorization', `Bearer ${key}`)
        .set('Content-Type', 'application/json')
        .send('{"events": [');

      expect(response.status).toBe(400);
      expect(response.body.type).toBe('/problems/malformed-body');
    });
  });

  describe('409 for the invariants', () => {
    it('an organisation signs the declaration once', async () => {
      expect((await post({ events: [declarationSigned('sakawa-commerce-club')] })).status).toBe(
        201,
      );
      const second = declarationSigned('sakawa-commerce-club', { signedAtFesta: false });

      const response = await refused({ events: [consultationHandled(), second] });

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        type: '/problems/declaration-already-signed',
        status: 409,
        errors: [{ index: 1, id: second.id, field: 'data.organizationId' }],
      });
    });

    it('two requests declaring one organisation at once: one records, the other is refused', async () => {
      const [a, b] = await Promise.all([
        post({ events: [declarationSigned('kuroshio-town-council')] }),
        post({ events: [declarationSigned('kuroshio-town-council')] }),
      ]);

      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const claim = await api.store.readStream('declaration-kuroshio-town-council');
      expect(claim.map((event) => event.type)).toEqual(['ClaimReserved']);
    });

    it('two declarations of one organisation in one batch', async () => {
      const response = await refused({
        events: [declarationSigned('ochi-youth-club'), declarationSigned('ochi-youth-club')],
      });

      expect(response.status).toBe(409);
      expect(response.body.type).toBe('/problems/declaration-already-signed');
    });

    it('an event is retracted at most once; a refused batch does not keep its claim', async () => {
      const target = consultationHandled();
      expect((await post({ events: [target] })).status).toBe(201);
      const retraction = recordRetracted(target.id);
      expect((await post({ events: [retraction] })).status).toBe(201);
      expect((await post({ events: [retraction] })).status).toBe(200);

      const second = recordRetracted(target.id);
      const response = await refused({ events: [second] });

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        type: '/problems/already-retracted',
        errors: [
          {
            index: 0,
            id: second.id,
            field: 'data.eventId',
            reason: `already claimed by event ${retraction.id}`,
          },
        ],
      });
    });

    it('an id already recorded in another batch', async () => {
      const first = consultationHandled();
      expect((await post({ events: [consultationHandled(), first] })).status).toBe(201);

      const response = await refused({ events: [first, consultationHandled()] });
      const response2 = await refused({ events: [consultationHandled(), first] });

      expect([response.status, response2.status]).toEqual([409, 409]);
      expect(response.body.type).toBe('/problems/event-id-already-recorded');
      expect(response2.body.eventIds).toEqual([first.id]);
    });

    it('a declaration refused with its batch leaves the organisation free to sign', async () => {
      const taken = consultationHandled();
      expect((await post({ events: [taken] })).status).toBe(201);
      const declaration = declarationSigned('tosa-fishery-coop');

      expect((await refused({ events: [declaration, taken] })).status).toBe(409);
      expect((await post({ events: [declaration] })).status).toBe(201);
    });
  });

  it('413 for a body over 4 MB', async () => {
    const huge = { events: [consultationHandled({ padding: 'x'.repeat(4 * 1024 * 1024) })] };
    const response = await refused(huge);

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
  });
});
