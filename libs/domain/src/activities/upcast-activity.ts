import { definitionOf, isActivityType } from './activity-catalogue';
import { StoredData } from './activity-definition';
import { UnreadableActivityError } from './activity-errors';
import { ActivityEvent } from './activity-event';

/**
 * Lifts a stored event, at whatever version it was written, to the one in-memory shape:
 * stored events are never rewritten, so every old version stays readable forever.
 */
export function upcastActivity(
  type: string,
  schemaVersion: number,
  data: StoredData,
): ActivityEvent {
  if (!isActivityType(type)) {
    throw new UnreadableActivityError('unknown-activity-type', `unknown activity type ${type}`);
  }
  const definition = definitionOf(type);
  if (schemaVersion === definition.schemaVersion) return { type, data } as ActivityEvent;
  const start = definition.olderVersions.findIndex((v) => v.schemaVersion === schemaVersion);
  if (start < 0) {
    throw new UnreadableActivityError(
      'unknown-schema-version',
      `${type} has no schema version ${schemaVersion}`,
    );
  }
  const current = definition.olderVersions
    .slice(start)
    .reduce((lifted, v) => v.upcast(lifted), data);
  return { type, data: current } as ActivityEvent;
}
