import { fiscalYearOf } from '../calendar/fiscal-year';
import { IsoDate } from '../calendar/iso-date';
import { isActivityType } from '../activities/activity-catalogue';
import { StoredData } from '../activities/activity-definition';
import { upcastActivity } from '../activities/upcast-activity';
import { MetricDefinition } from './metric-definition';

/** An event as the store holds it: any version, any type (non-activity events are ignored). */
export interface StoredActivity {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: StoredData;
}

/** The activity at its current version, keeping its id. */
export interface LiveActivity {
  readonly id: string;
  readonly type: string;
  readonly data: StoredData;
}

export interface MetricScope {
  /** Figures for this fiscal year, by the date each activity occurred. */
  readonly fiscalYear: number;
  /** Widens the scope back to this fiscal year, for cumulative goals. */
  readonly fromFiscalYear?: number;
  /** Only what had occurred by the end of this day (for pace during the year). */
  readonly asOf?: IsoDate;
  /** Only activities recorded for these municipalities (one member of a grouping). */
  readonly municipalityCodes?: readonly string[];
}

export type MetricValues = Readonly<Record<string, number>>;

/**
 * The activities that still count: upcast to their current shape, without retractions and
 * without anything retracted or superseded. A correction replaces its target even if the
 * correction is itself retracted later: retracting a correction never revives what it
 * replaced, so the history reads the same in whatever order it is replayed.
 */
export function liveActivities(events: readonly StoredActivity[]): LiveActivity[] {
  const activities = events
    .filter((event) => isActivityType(event.type))
    .map((event) => ({
      id: event.id,
      ...upcastActivity(event.type, event.schemaVersion, event.data),
    }));
  const dropped = new Set<string>();
  for (const { type, data } of activities) {
    if (type === 'RecordRetracted') dropped.add(data.eventId);
    else if (data.supersedes !== undefined) dropped.add(data.supersedes);
  }
  return activities.filter(
    (activity) => activity.type !== 'RecordRetracted' && !dropped.has(activity.id),
  );
}

/** The live activities that make up one metric's figure in a scope (what an auditor asks for). */
export function activitiesCounted(
  live: readonly LiveActivity[],
  metric: MetricDefinition,
  scope: MetricScope,
): LiveActivity[] {
  const from = scope.fromFiscalYear ?? scope.fiscalYear;
  if (from > scope.fiscalYear)
    throw new RangeError(`scope starts after it ends: ${from} > ${scope.fiscalYear}`);
  return live.filter((activity) => {
    if (!metric.eventTypes.includes(activity.type)) return false;
    const occurredOn = activity.data.occurredOn as IsoDate;
    const fiscalYear = fiscalYearOf(occurredOn);
    if (fiscalYear < from || fiscalYear > scope.fiscalYear) return false;
    if (scope.asOf !== undefined && occurredOn > scope.asOf) return false;
    if (
      scope.municipalityCodes &&
      !scope.municipalityCodes.includes(activity.data.municipalityCode as string)
    ) {
      return false;
    }
    return Object.entries(metric.filter ?? {}).every(
      ([field, value]) => activity.data[field] === value,
    );
  });
}

export function aggregate(activities: readonly LiveActivity[], metric: MetricDefinition): number {
  const spec = metric.aggregate;
  switch (spec.kind) {
    case 'count':
      return activities.length;
    case 'sum':
      return activities.reduce((total, { data }) => {
        const value = data[spec.field];
        return typeof value === 'number' ? total + value : total;
      }, 0);
    case 'countDistinct':
      return new Set(
        activities.map(({ data }) => data[spec.field]).filter((value) => value !== undefined),
      ).size;
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown aggregate ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The reference evaluation of metric definitions over a list of stored events, held in
 * memory. The database projections must produce the same figures from the same events.
 */
export function evaluateMetrics(
  events: readonly StoredActivity[],
  metrics: readonly MetricDefinition[],
  scope: MetricScope,
): MetricValues {
  const live = liveActivities(events);
  return Object.fromEntries(
    metrics.map((metric) => [metric.id, aggregate(activitiesCounted(live, metric, scope), metric)]),
  );
}

/** A part as a whole-number percentage of the whole, as the report prints shares (17%). */
export function percentShare(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}
