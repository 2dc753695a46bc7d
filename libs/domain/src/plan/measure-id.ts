/**
 * The plan's measures: ① … ⑤ with sub-items ア/イ/ウ written as a/b/c (②イ = `2b`).
 * Activities and metrics report under these ids.
 */
export const MEASURE_IDS = ['1', '2a', '2b', '3a', '3b', '3c', '4', '5a', '5b', '5c'] as const;

export type MeasureId = (typeof MEASURE_IDS)[number];

export function isMeasureId(value: unknown): value is MeasureId {
  return typeof value === 'string' && (MEASURE_IDS as readonly string[]).includes(value);
}
