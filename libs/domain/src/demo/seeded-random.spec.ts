import { isEventId } from '../activities/field-rule';
import { dayOfWeek } from '../calendar/iso-date';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new SeededRandom(2023);
    const b = new SeededRandom(2023);
    expect([a.uuid(), a.int(1, 6), a.hex(8)]).toEqual([b.uuid(), b.int(1, 6), b.hex(8)]);
    expect(new SeededRandom(2024).uuid()).not.toBe(new SeededRandom(2023).uuid());
  });

  it('draws valid version-4 UUIDs', () => {
    const random = new SeededRandom(7);
    const ids = Array.from({ length: 500 }, () => random.uuid());
    expect(ids.filter((id) => !isEventId(id) || id[14] !== '4')).toEqual([]);
    expect(new Set(ids).size).toBe(500);
  });

  it('draws weekdays inside the range', () => {
    const random = new SeededRandom(11);
    const dates = Array.from({ length: 200 }, () => random.weekday('2023-10-02', '2023-10-08'));
    expect(new Set(dates.map(dayOfWeek))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(dates.every((d) => d >= '2023-10-02' && d <= '2023-10-06')).toBe(true);
  });
});
