/** A run of consecutive store positions, both ends included. */
export interface PositionRange {
  first: number;
  last: number;
}

/** Runs kept at most; the oldest beyond it are left for the catch-up read to cover. */
const MAX_RANGES = 256;

/**
 * Positions remembered but not yet under the lookup's checkpoint, as merged runs. In a store
 * whose positions are dense (PostgreSQL hands out max + 1 under a lock), a run that starts
 * right after the checkpoint lets the checkpoint jump to its end without reading those
 * events back from the store; runs remembered out of order wait here until the gap before
 * them is remembered too.
 */
export class RememberedRanges {
  private ranges: PositionRange[] = [];

  add(positions: readonly number[]): void {
    const sorted = [...positions].sort((a, b) => a - b);
    for (const position of sorted) this.insert({ first: position, last: position });
    if (this.ranges.length > MAX_RANGES) this.ranges = this.ranges.slice(-MAX_RANGES);
  }

  /** The runs as they would be with `positions` added; these stay as they are. */
  plus(positions: readonly number[]): readonly PositionRange[] {
    const next = new RememberedRanges();
    next.ranges = this.ranges.map((range) => ({ ...range }));
    next.add(positions);
    return next.ranges;
  }

  /** Forgets what the checkpoint already covers. */
  coveredUpTo(checkpoint: number): void {
    this.ranges = this.ranges
      .filter((range) => range.last > checkpoint)
      .map((range) =>
        range.first > checkpoint ? range : { first: checkpoint + 1, last: range.last },
      );
  }

  list(): readonly PositionRange[] {
    return this.ranges;
  }

  private insert(added: PositionRange): void {
    const ranges = this.ranges;
    let i = ranges.length;
    while (i > 0 && ranges[i - 1].first > added.first) i--;
    const before = ranges[i - 1];
    if (before && before.last + 1 >= added.first) {
      before.last = Math.max(before.last, added.last);
      i -= 1;
    } else {
      ranges.splice(i, 0, { ...added });
    }
    const merged = ranges[i];
    while (ranges[i + 1] && ranges[i + 1].first <= merged.last + 1) {
      merged.last = Math.max(merged.last, ranges[i + 1].last);
      ranges.splice(i + 1, 1);
    }
  }
}
