import { addDays, dayOfWeek, daysBetween, isIsoDate } from './iso-date';

describe('isIsoDate', () => {
  it.each(['2023-06-02', '2024-02-29', '2000-02-29', '2023-12-31'])(
    'accepts the real date %s',
    (date) => {
      expect(isIsoDate(date)).toBe(true);
    },
  );

  it.each([
    '2023-02-30',
    '2023-02-29',
    '1900-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-6-2',
    '2023-06-02T00:00:00Z',
    '令和5年6月2日',
    '',
  ])('rejects %s', (date) => {
    expect(isIsoDate(date)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isIsoDate(20230602)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('adds days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-04-01', -1)).toBe('2023-03-31');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2023-04-01', '2024-03-31')).toBe(365);
    expect(daysBetween('2023-06-08', '2023-06-02')).toBe(-6);
  });

  it('knows the weekday: the Festa on 2023-10-07 was a Saturday', () => {
    expect(dayOfWeek('2023-10-07')).toBe(6);
  });
});
