import {
  elapsedShareOfFiscalYear,
  fiscalMonthOf,
  fiscalMonthsOf,
  fiscalYearOf,
  fiscalYearRange,
} from './fiscal-year';

describe('fiscal year (April to March)', () => {
  it('names the fiscal year by the calendar year it starts in', () => {
    expect(fiscalYearOf('2023-06-02')).toBe(2023);
    expect(fiscalYearOf('2023-04-01')).toBe(2023);
    expect(fiscalYearOf('2024-03-31')).toBe(2023);
    expect(fiscalYearOf('2023-03-31')).toBe(2022);
  });

  it('gives the range of a fiscal year', () => {
    expect(fiscalYearRange(2023)).toEqual({ start: '2023-04-01', end: '2024-03-31' });
  });

  it('refuses dates that do not exist', () => {
    expect(() => fiscalYearOf('2023-02-30')).toThrow(RangeError);
  });

  it('buckets dates by calendar month and lists the months April first', () => {
    expect(fiscalMonthOf('2023-06-02')).toBe('2023-06');
    expect(fiscalMonthsOf(2023)).toEqual([
      '2023-04',
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
  });
});

describe('elapsedShareOfFiscalYear', () => {
  it('is 0 before the year, 1 from its last day on', () => {
    expect(elapsedShareOfFiscalYear(2023, '2023-03-31')).toBe(0);
    expect(elapsedShareOfFiscalYear(2023, '2024-03-31')).toBe(1);
    expect(elapsedShareOfFiscalYear(2023, '2025-01-01')).toBe(1);
  });

  it('counts the days passed by the end of the given day (FY2023 has 366 days)', () => {
    expect(elapsedShareOfFiscalYear(2023, '2023-04-01')).toBe(1 / 366);
    expect(elapsedShareOfFiscalYear(2023, '2023-09-30')).toBe(183 / 366);
  });
});
