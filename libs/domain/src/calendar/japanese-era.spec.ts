import { fiscalYearLabel, toEraDate } from './japanese-era';

describe('era rendering', () => {
  it('renders dates as the report writes them', () => {
    expect(toEraDate('2023-06-02')).toBe('令和5年6月2日');
    expect(toEraDate('2023-10-07')).toBe('令和5年10月7日');
    expect(toEraDate('2024-03-31')).toBe('令和6年3月31日');
  });

  it('switches era on the day the new era begins', () => {
    expect(toEraDate('2019-04-30')).toBe('平成31年4月30日');
    expect(toEraDate('2019-05-01')).toBe('令和元年5月1日');
    expect(toEraDate('1989-01-07')).toBe('昭和64年1月7日');
    expect(toEraDate('1989-01-08')).toBe('平成元年1月8日');
  });

  it('labels fiscal years, with 令和元年度 = FY2019 although Reiwa began in May', () => {
    expect(fiscalYearLabel(2023)).toBe('令和5年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(1989)).toBe('平成元年度');
    expect(fiscalYearLabel(1988)).toBe('昭和63年度');
  });
});
