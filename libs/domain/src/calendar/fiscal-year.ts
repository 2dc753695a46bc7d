import { IsoDate, daysBetween, parseIsoDate } from './iso-date';

/**
 * Japanese public bodies count years April to March (年度), named by the calendar year the
 * fiscal year starts in: FY2023 = 2023-04-01 .. 2024-03-31 = 令和5年度.
 */
export type FiscalYear = number;

export interface DateRange {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

export function fiscalYearOf(date: IsoDate): FiscalYear {
  const { year, month } = parseIsoDate(date);
  return month >= 4 ? year : year - 1;
}

export function fiscalYearRange(fiscalYear: FiscalYear): DateRange {
  assertFiscalYear(fiscalYear);
  return {
    start: `${String(fiscalYear).padStart(4, '0')}-04-01`,
    end: `${String(fiscalYear + 1).padStart(4, '0')}-03-31`,
  };
}

/** Calendar month key (`2023-06`) used to bucket a fiscal year's figures by month. */
export function fiscalMonthOf(date: IsoDate): string {
  parseIsoDate(date);
  return date.slice(0, 7);
}

/** The twelve month keys of a fiscal year, April first. */
export function fiscalMonthsOf(fiscalYear: FiscalYear): string[] {
  assertFiscalYear(fiscalYear);
  return Array.from({ length: 12 }, (_, index) => {
    const month = ((index + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  });
}

export function isWithinFiscalYear(date: IsoDate, fiscalYear: FiscalYear): boolean {
  return fiscalYearOf(date) === fiscalYear;
}

/**
 * Share of the fiscal year that has passed by the end of `asOf`, in [0, 1]. Pace compares an
 * actual with the target pro-rated by this share, so the last day of March gives exactly 1.
 */
export function elapsedShareOfFiscalYear(fiscalYear: FiscalYear, asOf: IsoDate): number {
  const { start, end } = fiscalYearRange(fiscalYear);
  const total = daysBetween(start, end) + 1;
  const elapsed = daysBetween(start, asOf) + 1;
  return Math.min(1, Math.max(0, elapsed / total));
}

function assertFiscalYear(fiscalYear: FiscalYear): void {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1 || fiscalYear > 9998) {
    throw new RangeError(`not a fiscal year: ${fiscalYear}`);
  }
}
