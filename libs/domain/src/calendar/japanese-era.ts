import { FiscalYear } from './fiscal-year';
import { IsoDate, parseIsoDate } from './iso-date';

interface Era {
  readonly name: string;
  /** First day of the era. */
  readonly startsOn: IsoDate;
  /** First fiscal year named in this era. */
  readonly firstFiscalYear: FiscalYear;
}

/**
 * Newest first. A fiscal year takes the era that names the year it starts in, except that
 * 令和元年度 is FY2019 although Reiwa began on 2019-05-01 (and likewise 平成元年度 = FY1989):
 * the year of an era change is named after the new era.
 */
const ERAS: readonly Era[] = [
  { name: '令和', startsOn: '2019-05-01', firstFiscalYear: 2019 },
  { name: '平成', startsOn: '1989-01-08', firstFiscalYear: 1989 },
  { name: '昭和', startsOn: '1926-12-25', firstFiscalYear: 1927 },
];

function eraYear(year: number, eraStartYear: number): string {
  const number = year - eraStartYear + 1;
  return number === 1 ? '元' : String(number);
}

/** `2023-06-02` → `令和5年6月2日`, as the prefecture's reports write dates. */
export function toEraDate(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  const era = ERAS.find((candidate) => date >= candidate.startsOn);
  if (!era) throw new RangeError(`no era rendering before 昭和: ${date}`);
  return `${era.name}${eraYear(year, Number(era.startsOn.slice(0, 4)))}年${month}月${day}日`;
}

/** `2023` → `令和5年度`. */
export function fiscalYearLabel(fiscalYear: FiscalYear): string {
  const era = ERAS.find((candidate) => fiscalYear >= candidate.firstFiscalYear);
  if (!era || !Number.isInteger(fiscalYear)) {
    throw new RangeError(`no era label for fiscal year ${fiscalYear}`);
  }
  return `${era.name}${eraYear(fiscalYear, Number(era.startsOn.slice(0, 4)))}年度`;
}
