/**
 * Achievement (達成度) of a KPI: the actual as a share of the target, graded by bands the plan
 * records. The report prints the grade but not its scale, so the scale is data.
 */
export interface GradingBand {
  readonly grade: string;
  /** Lowest achievement rate (actual ÷ target, 1 = 100%) that earns this grade. */
  readonly minRate: number;
}

/** Used until a plan records its own bands: S ≥120%, A ≥100%, B ≥80%, C ≥60%, D below. */
export const DEFAULT_GRADING_BANDS: readonly GradingBand[] = [
  { grade: 'S', minRate: 1.2 },
  { grade: 'A', minRate: 1.0 },
  { grade: 'B', minRate: 0.8 },
  { grade: 'C', minRate: 0.6 },
  { grade: 'D', minRate: 0 },
];

/** Actual ÷ target; null when there is no positive target to measure against. */
export function achievementRate(actual: number, target: number): number | null {
  return target > 0 ? actual / target : null;
}

/** The grade of the highest band the rate reaches; the lowest band catches everything below. */
export function gradeFor(rate: number, bands: readonly GradingBand[]): string {
  if (bands.length === 0) throw new RangeError('grading needs at least one band');
  const descending = [...bands].sort((a, b) => b.minRate - a.minRate);
  return (descending.find((band) => rate >= band.minRate) ?? descending[descending.length - 1])
    .grade;
}

/** The part of a fiscal year's target that should be reached once `elapsedShare` of it has passed. */
export function paceTarget(target: number, elapsedShare: number): number {
  return target * Math.min(1, Math.max(0, elapsedShare));
}

/** Whether the actual keeps up with the pro-rated target. */
export function isOnPace(actual: number, target: number, elapsedShare: number): boolean {
  return actual >= paceTarget(target, elapsedShare);
}
