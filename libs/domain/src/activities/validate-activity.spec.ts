import { validateActivity } from './validate-activity';

const consultation = {
  occurredOn: '2023-06-02',
  bodyId: 'peer-support-center',
  channel: 'phone',
  iceAgeGeneration: true,
  personId: 'psc-7f3a9c2e',
  municipalityCode: '39201',
};

describe('validateActivity', () => {
  it('accepts a well-formed consultation', () => {
    expect(validateActivity('ConsultationHandled', 2, consultation)).toEqual([]);
  });

  it('names every broken field and says why', () => {
    expect(
      validateActivity('ConsultationHandled', 2, {
        ...consultation,
        occurredOn: '2023-02-30',
        channel: 'fax',
        municipalityCode: '39207',
        personId: 'someone@example.jp',
        note: 'free text',
      }),
    ).toEqual([
      { field: 'occurredOn', reason: 'must be an existing calendar date written YYYY-MM-DD' },
      { field: 'municipalityCode', reason: 'must be the 5-digit JIS code of a Kochi municipality' },
      {
        field: 'personId',
        reason:
          'must be a pseudonymous id: 8-64 letters, digits, - or _, with a letter and a digit',
      },
      { field: 'channel', reason: 'must be one of: email, phone, in_person' },
      { field: 'note', reason: 'is not a field of this event' },
    ]);
  });

  it('requires the required fields', () => {
    expect(validateActivity('ConsultationHandled', 2, { bodyId: 'peer-support-center' })).toEqual([
      { field: 'occurredOn', reason: 'is required' },
      { field: 'iceAgeGeneration', reason: 'is required' },
      { field: 'channel', reason: 'is required' },
    ]);
  });

  it('checks a stored version against the shape it had then', () => {
    const v1 = Object.fromEntries(
      Object.entries(consultation).filter(([name]) => name !== 'channel'),
    );
    expect(validateActivity('ConsultationHandled', 1, v1)).toEqual([]);
    expect(validateActivity('ConsultationHandled', 1, consultation)).toEqual([
      { field: 'channel', reason: 'is not a field of this event' },
    ]);
  });

  it('rejects unknown types, versions and non-objects', () => {
    expect(validateActivity('ConsultationDone', 1, consultation)).toEqual([
      { field: 'type', reason: 'is not a known activity type' },
    ]);
    expect(validateActivity('ConsultationHandled', 3, consultation)).toEqual([
      { field: 'schemaVersion', reason: 'must be one of 1, 2 for ConsultationHandled' },
    ]);
    expect(validateActivity('ConsultationHandled', 2, [consultation])).toEqual([
      { field: 'data', reason: 'must be an object' },
    ]);
  });

  it('checks ranges and keeps contact details out of free text', () => {
    expect(
      validateActivity('TrainingSessionHeld', 1, {
        occurredOn: '2023-07-14',
        bodyId: 'child-welfare-policy-dept',
        courseId: 'prefectural-self-reliance-support',
        title: '第1回 問い合わせは 088-823-9999',
        attendees: -1,
      }),
    ).toEqual([
      {
        field: 'title',
        reason: 'must not contain contact details (e-mail address or phone number)',
      },
      { field: 'attendees', reason: 'must be at least 0' },
    ]);
    expect(
      validateActivity('TrainingSessionHeld', 1, {
        occurredOn: '2023-07-14',
        bodyId: 'child-welfare-policy-dept',
        courseId: 'prefectural-self-reliance-support',
        title: '生活困窮者自立支援事業従事者研修 第1回',
        attendees: 56.5,
      }),
    ).toEqual([{ field: 'attendees', reason: 'must be an integer' }]);
  });

  it('requires a municipality where the activity only exists in one', () => {
    expect(
      validateActivity('OutreachVisitMade', 1, {
        occurredOn: '2023-05-10',
        bodyId: 'child-welfare-policy-dept',
      }),
    ).toEqual([{ field: 'municipalityCode', reason: 'is required' }]);
  });

  it('enforces rules across fields once each field is valid', () => {
    expect(
      validateActivity('IntegratedProgrammeJoined', 1, {
        occurredOn: '2024-03-15',
        bodyId: 'child-welfare-policy-dept',
        municipalityCode: '39403',
        fiscalYear: 2023,
        status: 'intending',
      }),
    ).toEqual([
      {
        field: 'fiscalYear',
        reason: 'an intention must be for a fiscal year after the one it is stated in',
      },
    ]);
    expect(
      validateActivity('MeetingHeld', 1, {
        occurredOn: '2023-06-08',
        bodyId: 'regional-support-center',
        kind: 'liaison',
        title: 'ひきこもり支援者連絡会議',
        attendees: 31,
      }),
    ).toEqual([{ field: 'blockId', reason: 'is required for a liaison meeting' }]);
  });

  it('accepts a retraction of an earlier event', () => {
    expect(
      validateActivity('RecordRetracted', 1, {
        occurredOn: '2023-07-01',
        bodyId: 'peer-support-center',
        eventId: '0b9f8f4e-3f5a-4c1e-9d2b-5a6c7d8e9f00',
        reason: 'duplicate entry',
      }),
    ).toEqual([]);
    expect(
      validateActivity('RecordRetracted', 1, {
        occurredOn: '2023-07-01',
        bodyId: 'peer-support-center',
        eventId: 'event-17',
        reason: 'duplicate entry',
      }),
    ).toEqual([{ field: 'eventId', reason: 'must be a lowercase UUID' }]);
  });
});
