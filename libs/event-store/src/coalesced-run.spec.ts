import { CoalescedRun } from './coalesced-run';

describe('CoalescedRun', () => {
  it('answers callers during a flush with one flush that starts after it', async () => {
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const shared = new CoalescedRun(
      () =>
        new Promise<void>((resolve) => {
          started.push(started.length + 1);
          finish.push(resolve);
        }),
    );
    const first = shared.run();
    const second = shared.run();
    const third = shared.run();
    expect(second).toBe(third);
    expect(started).toEqual([1]);
    finish[0]();
    await first;
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    finish[1]();
    await second;
    expect(started).toEqual([1, 2]);
  });

  it('passes a failed flush to its callers and flushes afresh for the next', async () => {
    let calls = 0;
    const shared = new CoalescedRun(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
    });
    await expect(shared.run()).rejects.toThrow('connection lost');
    await expect(shared.run()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
