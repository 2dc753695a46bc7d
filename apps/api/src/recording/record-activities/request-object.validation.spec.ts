import { ACTIVITY_TYPE_NAMES, isActivityType } from '@ledger/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SyntheticActivities } from '../../../../../test/bench/dataset/synthetic-activities';
import { ACTIVITY_REQUEST_DATA } from '../activities/activity-request-data';
import { ActivityEventRequest } from './record-activities.request.dto';
import { requestObjectErrors } from './request-object.validation';

const STRICT = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/** What class-validator itself says of the object: the quick check must never say less. */
function classValidatorRefuses(cls: new () => object, plain: Record<string, unknown>): boolean {
  return validateSync(plainToInstance(cls, plain), STRICT).length > 0;
}

const WRONG_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x'.repeat(5_000),
  0,
  -1,
  1.5,
  1e12,
  true,
  false,
  [],
  ['a'],
  {},
  'Peer-Support',
  '2023-02-30',
  '39999',
  'not-a-uuid',
];

/** Each object, then each of its members removed or replaced by each wrong value, plus one extra member. */
function variantsOf(plain: Record<string, unknown>): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [plain, { ...plain, unexpected: 1 }];
  for (const key of Object.keys(plain)) {
    const without = { ...plain };
    delete without[key];
    variants.push(without);
    for (const value of WRONG_VALUES) variants.push({ ...plain, [key]: value });
  }
  return variants;
}

describe('requestObjectErrors', () => {
  const source = new SyntheticActivities(7);
  const events = source.batch(5_000);
  /** A few of each type for the member-by-member variants: each event makes hundreds. */
  const samples = ACTIVITY_TYPE_NAMES.flatMap((type) =>
    events.filter((event) => event.type === type).slice(0, 5),
  );

  it('covers every activity type in its samples', () => {
    const types = new Set(events.map((event) => event.type));
    expect([...types].sort()).toEqual([...ACTIVITY_TYPE_NAMES].sort());
  });

  it('finds no error in a valid event, as class-validator', () => {
    for (const event of events) {
      const { occurredOn, ...data } = event.data;
      const envelope = { id: event.id, type: event.type, occurredOn, data };
      expect(requestObjectErrors(ActivityEventRequest, envelope)).toEqual([]);
      if (!isActivityType(event.type)) throw new Error(`unknown type ${event.type}`);
      expect(requestObjectErrors(ACTIVITY_REQUEST_DATA[event.type], data)).toEqual([]);
    }
  });

  it('refuses exactly what class-validator refuses, member by member', () => {
    let refused = 0;
    for (const event of samples) {
      if (!isActivityType(event.type)) throw new Error(`unknown type ${event.type}`);
      const { occurredOn, ...data } = event.data;
      const cases: [new () => object, Record<string, unknown>][] = [
        ...variantsOf({ id: event.id, type: event.type, occurredOn, data }).map(
          (variant): [new () => object, Record<string, unknown>] => [ActivityEventRequest, variant],
        ),
        ...variantsOf(data).map((variant): [new () => object, Record<string, unknown>] => [
          ACTIVITY_REQUEST_DATA[event.type as keyof typeof ACTIVITY_REQUEST_DATA],
          variant,
        ]),
      ];
      for (const [cls, variant] of cases) {
        const expected = classValidatorRefuses(cls, variant);
        expect({ variant, refused: requestObjectErrors(cls, variant).length > 0 }).toEqual({
          variant,
          refused: expected,
        });
        if (expected) refused += 1;
      }
    }
    // The variants must really exercise refusals, not only valid objects.
    expect(refused).toBeGreaterThan(10_000);
  });

  it('words a refusal as class-validator does', () => {
    expect(
      requestObjectErrors(ActivityEventRequest, {
        id: 'not-a-uuid',
        type: 'ConsultationHandled',
        occurredOn: '2023-02-30',
        data: {},
        extra: true,
      }),
    ).toEqual([
      { field: 'extra', reason: 'is not a field of this event' },
      { field: 'id', reason: 'must be a lowercase UUID' },
      { field: 'occurredOn', reason: 'must be an existing calendar date written YYYY-MM-DD' },
    ]);
  });
});
