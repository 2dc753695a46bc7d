import { ACTIVITY_TYPES, ACTIVITY_TYPE_NAMES } from './activity-catalogue';
import { measureIdOf } from './activity-measure';
import { FieldsOf, field } from './field-rule';

describe('activity catalogue', () => {
  it('lists every activity type with its current version and measure', () => {
    expect(ACTIVITY_TYPE_NAMES).toHaveLength(21);
    expect(ACTIVITY_TYPES.ConsultationHandled).toEqual({
      schemaVersion: 2,
      storedVersions: [1, 2],
      measureId: '3b',
      measureIds: ['3b'],
      description: 'A consultation was handled, by e-mail, phone or in person.',
    });
    expect(ACTIVITY_TYPES.WorkExperienceJoined.measureId).toBe('5b');
    expect(ACTIVITY_TYPES.RecordRetracted.measureIds).toEqual([]);
  });

  it('maps a record to its measure, by kind or course where the type spans several', () => {
    const base = { occurredOn: '2023-06-08', bodyId: 'regional-support-center' };
    expect(
      measureIdOf({
        type: 'MeetingHeld',
        data: { ...base, kind: 'liaison', title: '連絡会議', blockId: 'central' },
      }),
    ).toBe('3c');
    expect(
      measureIdOf({
        type: 'MeetingHeld',
        data: { ...base, kind: 'top-seminar', title: 'トップセミナー' },
      }),
    ).toBe('2a');
    expect(
      measureIdOf({
        type: 'TrainingCompleted',
        data: { ...base, courseId: 'national-later-part', completions: 27 },
      }),
    ).toBe('4');
    expect(
      measureIdOf({
        type: 'ConsultationHandled',
        data: { ...base, channel: 'email', iceAgeGeneration: true },
      }),
    ).toBe('3b');
  });

  it('keeps field specs and data types in step at compile time', () => {
    type Sample = { readonly required: string; readonly maybe?: number };
    const fields: FieldsOf<Sample> = {
      required: field.slug(),
      maybe: field.optional(field.integer(0)),
    };
    // @ts-expect-error an optional field must be declared optional
    const wrongOptionality: FieldsOf<Sample> = { required: field.slug(), maybe: field.integer(0) };
    // @ts-expect-error every field needs a spec
    const missing: FieldsOf<Sample> = { required: field.slug() };
    expect([
      fields.maybe.optional,
      wrongOptionality.maybe.optional,
      missing.required.optional,
    ]).toEqual([true, false, false]);
  });
});
