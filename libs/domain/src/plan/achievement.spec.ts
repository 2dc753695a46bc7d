import {
  DEFAULT_GRADING_BANDS,
  achievementRate,
  gradeFor,
  isOnPace,
  paceTarget,
} from './achievement';

describe('achievement', () => {
  it('grades the FY2023 KPIs D, as the report does', () => {
    expect(achievementRate(4, 22)).toBeCloseTo(0.1818, 4);
    expect(gradeFor(4 / 22, DEFAULT_GRADING_BANDS)).toBe('D');
    expect(achievementRate(23, 100)).toBe(0.23);
    expect(gradeFor(0.23, DEFAULT_GRADING_BANDS)).toBe('D');
  });

  it('puts band edges in the higher band', () => {
    expect(
      [1.2, 1.0, 0.8, 0.6, 0.5999].map((rate) => gradeFor(rate, DEFAULT_GRADING_BANDS)),
    ).toEqual(['S', 'A', 'B', 'C', 'D']);
  });

  it('grades by whatever scale the plan records, in any order', () => {
    const bands = [
      { grade: 'B', minRate: 0.8 },
      { grade: 'A', minRate: 1.1 },
      { grade: 'D', minRate: 0 },
      { grade: 'C', minRate: 0.5 },
    ];
    expect([1.1, 1.05, 0.5, 0.49].map((rate) => gradeFor(rate, bands))).toEqual([
      'A',
      'B',
      'C',
      'D',
    ]);
  });

  it('has no rate without a positive target', () => {
    expect(achievementRate(3, 0)).toBeNull();
  });

  it('pro-rates the target by the elapsed share of the year', () => {
    expect(paceTarget(22, 0.5)).toBe(11);
    expect(paceTarget(22, 1.4)).toBe(22);
    expect(isOnPace(11, 22, 0.5)).toBe(true);
    expect(isOnPace(4, 22, 0.5)).toBe(false);
  });
});
