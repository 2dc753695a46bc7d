import { joinedRuns } from './at-rate';

describe('joinedRuns', () => {
  it('keeps every latency and the rate over the runs’ sending time together', () => {
    const joined = joinedRuns([
      { latenciesMs: [1, 2, 3, 4], sentPerSecond: 4, overloadedAfterSeconds: null },
      { latenciesMs: [5, 6], sentPerSecond: 1, overloadedAfterSeconds: null },
    ]);
    expect(joined.latenciesMs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(joined.sentPerSecond).toBe(2);
    expect(joined.overloadedAfterSeconds).toBeNull();
  });

  it('says when the first overloaded run stopped sending, counted from the first run', () => {
    const joined = joinedRuns([
      { latenciesMs: [1, 1], sentPerSecond: 2, overloadedAfterSeconds: null },
      { latenciesMs: [1], sentPerSecond: 2, overloadedAfterSeconds: 0.5 },
      { latenciesMs: [1], sentPerSecond: 1, overloadedAfterSeconds: 1 },
    ]);
    expect(joined.overloadedAfterSeconds).toBe(1.5);
  });
});
