import { definitionOf, isActivityType } from './activity-catalogue';
import { AnyActivityDefinition, StoredData } from './activity-definition';
import { FieldError, FieldSpec, checkFields } from './field-rule';
import { upcastActivity } from './upcast-activity';

/**
 * Checks an activity against the domain's own rules, whatever layer received it: the shape
 * of its stated version (types, ranges, real dates, municipality codes, enumerations, no
 * unknown fields), then the rules across fields on the current shape. Empty means valid.
 */
export function validateActivity(type: string, schemaVersion: number, data: unknown): FieldError[] {
  if (!isActivityType(type)) return [{ field: 'type', reason: 'is not a known activity type' }];
  const definition = definitionOf(type);
  const fields = fieldsOfVersion(definition, schemaVersion);
  if (!fields) {
    const known = [
      ...definition.olderVersions.map((v) => v.schemaVersion),
      definition.schemaVersion,
    ];
    return [{ field: 'schemaVersion', reason: `must be one of ${known.join(', ')} for ${type}` }];
  }
  if (!isPlainObject(data)) return [{ field: 'data', reason: 'must be an object' }];
  const errors = checkFields(data, fields);
  if (errors.length > 0 || !definition.invariants) return errors;
  return definition.invariants(upcastActivity(type, schemaVersion, data).data);
}

function fieldsOfVersion(
  definition: AnyActivityDefinition,
  schemaVersion: number,
): Readonly<Record<string, FieldSpec>> | undefined {
  if (schemaVersion === definition.schemaVersion) return definition.fields;
  return definition.olderVersions.find((v) => v.schemaVersion === schemaVersion)?.fields;
}

function isPlainObject(value: unknown): value is StoredData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
