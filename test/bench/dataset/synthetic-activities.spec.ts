import {
  ACTIVITY_TYPE_NAMES,
  MUNICIPALITIES,
  fiscalYearOf,
  validateActivity,
} from '@ledger/domain';
import { FISCAL_YEARS, SyntheticActivities } from './synthetic-activities';

describe('synthetic activities for the benchmarks', () => {
  const events = new SyntheticActivities(7).batch(20_000);

  it('passes the domain validation, every event', () => {
    const invalid = events
      .map((event) => ({
        type: event.type,
        errors: validateActivity(event.type, event.schemaVersion, event.data),
      }))
      .filter((result) => result.errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it('covers every activity type, all 34 municipalities and fiscal years 2021-2025', () => {
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(ACTIVITY_TYPE_NAMES));
    const codes = new Set(
      events.map((event) => event.data.municipalityCode).filter((code) => code !== undefined),
    );
    expect(codes).toEqual(new Set(MUNICIPALITIES.map((m) => m.code)));
    const years = new Set(events.map((event) => fiscalYearOf(String(event.data.occurredOn))));
    expect(years).toEqual(new Set(FISCAL_YEARS));
  });

  it('corrects only earlier records, each at most once', () => {
    const seen = new Set<string>();
    const corrected = new Set<string>();
    for (const event of events) {
      const target = event.type === 'RecordRetracted' ? event.data.eventId : event.data.supersedes;
      if (typeof target === 'string') {
        expect(seen.has(target)).toBe(true);
        expect(corrected.has(target)).toBe(false);
        corrected.add(target);
      }
      seen.add(event.id);
    }
    expect(corrected.size).toBeGreaterThan(200);
  });

  it('draws the same dataset shape from the same seed', () => {
    const shape = (source: SyntheticActivities) =>
      source.batch(50).map((event) => [event.type, event.data.occurredOn]);
    expect(shape(new SyntheticActivities(3))).toEqual(shape(new SyntheticActivities(3)));
  });
});
