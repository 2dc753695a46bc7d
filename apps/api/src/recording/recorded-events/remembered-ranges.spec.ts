import { RememberedRanges } from './remembered-ranges';

describe('RememberedRanges', () => {
  it('merges the positions of one append into one run', () => {
    const ranges = new RememberedRanges();
    ranges.add([13, 11, 12]);
    expect(ranges.list()).toEqual([{ first: 11, last: 13 }]);
  });

  it('keeps runs apart until the gap between them is remembered', () => {
    const ranges = new RememberedRanges();
    ranges.add([21, 22]);
    ranges.add([11, 12]);
    expect(ranges.list()).toEqual([
      { first: 11, last: 12 },
      { first: 21, last: 22 },
    ]);
    ranges.add([13, 14, 15, 16, 17, 18, 19, 20]);
    expect(ranges.list()).toEqual([{ first: 11, last: 22 }]);
  });

  it('answers the runs as they would be with more positions, keeping its own', () => {
    const ranges = new RememberedRanges();
    ranges.add([11, 12]);
    ranges.add([15]);
    expect(ranges.plus([13, 14])).toEqual([{ first: 11, last: 15 }]);
    expect(ranges.list()).toEqual([
      { first: 11, last: 12 },
      { first: 15, last: 15 },
    ]);
  });

  it('forgets what the checkpoint covers, and trims a run it ends inside', () => {
    const ranges = new RememberedRanges();
    ranges.add([1, 2, 3]);
    ranges.add([6, 7, 8]);
    ranges.coveredUpTo(7);
    expect(ranges.list()).toEqual([{ first: 8, last: 8 }]);
  });

  it('keeps the newest 256 runs', () => {
    const ranges = new RememberedRanges();
    for (let run = 0; run < 300; run++) ranges.add([run * 2]);
    expect(ranges.list()).toHaveLength(256);
    expect(ranges.list()[0]).toEqual({ first: 88, last: 88 });
  });
});
