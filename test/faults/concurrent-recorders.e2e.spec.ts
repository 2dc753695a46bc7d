import { Agent } from 'node:http';
import { Client } from 'pg';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';
import { ApiChildProcess } from './support/api-child-process';
import { HttpAnswer, postJson } from './support/loopback-http';
import { pick, seededRandom, seededUuid } from './support/seeded-random';

const SEED = 0xc0c0;
const BODY = 'peer-support-center';
const RECORDERS = 4;
const LANES_PER_RECORDER = 3;
const ORGANIZATIONS = 10;
const RETRACTION_TARGETS = 10;
const SHARED_ID_PAIRS = 8;

type Contest = 'declaration-already-signed' | 'already-retracted' | 'event-id-already-recorded';

interface Batch {
  /** Batches of one contest compete for one claim or one id: exactly one may be recorded. */
  contest: string;
  refusal: Contest;
  events: { id: string; type: string; occurredOn: string; data: Record<string, unknown> }[];
}

interface Sending {
  batch: Batch;
  recorder: number;
  answer?: HttpAnswer;
  /** 412 answers that were retried with the same ids. */
  concurrentWrites: number;
}

/**
 * Several recorders of one body at once, on real PostgreSQL (PGlite serializes writers, so
 * only here can they collide): organisations declaring from several batches, retractions of
 * one event from several batches, batches sharing an id, and identical batches sent by two
 * recorders. The documented answers: 409 with `/problems/<invariant>` or
 * `/problems/event-id-already-recorded` for a lost contest, 412 `/problems/concurrent-write`
 * when claims keep colliding (retried with the same ids), 200 for a batch already recorded.
 */
describeWithPostgres('concurrent recorders appending to the same streams', () => {
  let database: TestDatabase;
  let api: ApiChildProcess;
  let db: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await ApiChildProcess.start(database.url);
    db = new Client({ connectionString: database.url });
    await db.connect();
  }, 90_000);

  afterAll(async () => {
    await db?.end();
    await api?.stop();
    await database?.drop();
  });

  it('refuses every lost contest with its documented error, records each winner once, and answers retries 200', async () => {
    const random = seededRandom(SEED);
    const keys = await Promise.all(
      Array.from({ length: RECORDERS }, () => api.createKey('recorder', BODY)),
    );
    const consultation = () => ({
      id: seededUuid(random),
      type: 'ConsultationHandled',
      occurredOn: '2023-06-02',
      data: { channel: 'phone', iceAgeGeneration: false, municipalityCode: '39201' },
    });
    const targets = Array.from({ length: RETRACTION_TARGETS }, consultation);
    expect((await postJson(api.port, '/v1/events', { events: targets }, keys[0])).status).toBe(201);

    const withPadding = (claimEvent: Batch['events'][number]) =>
      random() < 0.5 ? [claimEvent] : [consultation(), claimEvent, consultation()];
    const batches: Batch[] = [];
    for (let i = 0; i < ORGANIZATIONS; i++) {
      for (let n = 0; n < 3; n++) {
        batches.push({
          contest: `org-${i}`,
          refusal: 'declaration-already-signed',
          events: withPadding({
            id: seededUuid(random),
            type: 'DeclarationSigned',
            occurredOn: '2023-10-07',
            data: {
              organizationId: `concurrent-org-${i}`,
              organizationName: `組織 ${i}`,
              organizationKind: 'company-or-organisation',
              signedAtFesta: n === 0,
            },
          }),
        });
      }
    }
    for (const target of targets) {
      for (let n = 0; n < 3; n++) {
        batches.push({
          contest: `retract-${target.id}`,
          refusal: 'already-retracted',
          events: withPadding({
            id: seededUuid(random),
            type: 'RecordRetracted',
            occurredOn: '2023-11-01',
            data: { eventId: target.id, reason: `entered twice (${n})` },
          }),
        });
      }
    }
    for (let i = 0; i < SHARED_ID_PAIRS; i++) {
      const shared = consultation();
      batches.push(
        {
          contest: `ids-${i}`,
          refusal: 'event-id-already-recorded',
          events: [shared, consultation()],
        },
        {
          contest: `ids-${i}`,
          refusal: 'event-id-already-recorded',
          events: [consultation(), shared],
        },
      );
    }

    // Every batch goes out once; every third also from a second recorder, unchanged.
    const sendings: Sending[] = batches.flatMap((batch, i) => {
      const first = Math.floor(random() * RECORDERS);
      const once = [{ batch, recorder: first, concurrentWrites: 0 }];
      return i % 3 === 0
        ? [...once, { batch, recorder: (first + 1) % RECORDERS, concurrentWrites: 0 }]
        : once;
    });
    const queues = Array.from({ length: RECORDERS * LANES_PER_RECORDER }, () => [] as Sending[]);
    for (const sending of sendings) {
      const lanes = queues.filter((_, lane) => lane % RECORDERS === sending.recorder);
      pick(random, lanes).push(sending);
    }

    await Promise.all(
      queues.map(async (queue, lane) => {
        const agent = new Agent({ keepAlive: true });
        const key = keys[lane % RECORDERS];
        try {
          for (const sending of queue) {
            for (;;) {
              const body = { events: sending.batch.events };
              const answer = await postJson(api.port, '/v1/events', body, key, agent);
              if (answer.status !== 412) {
                sending.answer = answer;
                break;
              }
              expect(JSON.parse(answer.body).type).toBe('/problems/concurrent-write');
              sending.concurrentWrites++;
            }
          }
        } finally {
          agent.destroy();
        }
      }),
    );

    const outcome = (sending: Sending) => {
      const answer = sending.answer!;
      if (answer.status < 400) return { status: answer.status };
      const problem = JSON.parse(answer.body) as { type: string; status: number };
      return {
        status: answer.status,
        contentType: answer.headers['content-type'],
        type: problem.type,
        problemStatus: problem.status,
      };
    };
    const contests = new Map<string, Sending[]>();
    for (const sending of sendings)
      contests.set(sending.batch.contest, [
        ...(contests.get(sending.batch.contest) ?? []),
        sending,
      ]);

    const recorded = new Set<Batch>();
    for (const [contest, contenders] of contests) {
      const winners = new Set(contenders.filter((s) => s.answer!.status < 300).map((s) => s.batch));
      // One batch per contest is recorded: 201 for its first arrival, 200 for the copy.
      expect({ contest, winners: winners.size }).toEqual({ contest, winners: 1 });
      const [winner] = winners;
      recorded.add(winner);
      for (const sending of contenders) {
        const expected =
          sending.batch === winner
            ? { status: expect.any(Number) }
            : {
                status: 409,
                contentType: 'application/problem+json; charset=utf-8',
                type: `/problems/${sending.batch.refusal}`,
                problemStatus: 409,
              };
        expect({ contest, ...outcome(sending) }).toEqual({ contest, ...expected });
      }
      const winnerStatuses = contenders
        .filter((s) => s.batch === winner)
        .map((s) => s.answer!.status)
        .sort();
      expect({ contest, winnerStatuses }).toEqual({
        contest,
        winnerStatuses: winnerStatuses.length === 2 ? [200, 201] : [201],
      });
    }

    const stored = async () =>
      (
        await db.query<{ event_id: string; type: string; data: Record<string, unknown> }>(
          `SELECT event_id::text, type, data FROM event_store.events
            WHERE type IN ('ConsultationHandled', 'DeclarationSigned', 'RecordRetracted')
            ORDER BY position`,
        )
      ).rows;
    const rows = await stored();
    const ids = rows.map((row) => row.event_id);
    expect(ids.length).toBe(new Set(ids).size);
    const expectedIds = [...targets, ...[...recorded].flatMap((batch) => batch.events)].map(
      (event) => event.id,
    );
    expect([...ids].sort()).toEqual([...new Set(expectedIds)].sort());
    const declared = rows
      .filter((row) => row.type === 'DeclarationSigned')
      .map((row) => row.data.organizationId);
    expect([...declared].sort()).toEqual(
      Array.from({ length: ORGANIZATIONS }, (_, i) => `concurrent-org-${i}`).sort(),
    );
    const retracted = rows
      .filter((row) => row.type === 'RecordRetracted')
      .map((row) => row.data.eventId);
    expect([...retracted].sort()).toEqual(targets.map((target) => target.id).sort());

    // Retrying a recorded batch with the same ids, from any recorder of the body, is a 200.
    for (const [i, batch] of [...recorded].entries()) {
      const answer = await postJson(
        api.port,
        '/v1/events',
        { events: batch.events },
        keys[i % RECORDERS],
      );
      expect({ contest: batch.contest, status: answer.status }).toEqual({
        contest: batch.contest,
        status: 200,
      });
    }
    expect(await stored()).toEqual(rows);
  }, 120_000);
});
