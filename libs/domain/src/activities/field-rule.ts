import { isIsoDate } from '../calendar/iso-date';
import { isMunicipalityCode } from '../places/municipality';
import { containsContactDetails, isPersonId } from './person-id';

/**
 * The domain's own description of an event field, checked by `validateActivity` whatever
 * transport the event came through (HTTP, CLI import, replay of a stored event).
 */
export type FieldRule =
  | { readonly kind: 'isoDate' }
  | { readonly kind: 'municipalityCode' }
  | { readonly kind: 'slug' }
  | { readonly kind: 'eventId' }
  | { readonly kind: 'personId' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'text'; readonly maxLength: number };

export type FieldSpec = FieldRule & { readonly optional: boolean };

/**
 * One spec per field of `Data`, optional exactly where `Data` says so: the compiler keeps the
 * TypeScript type and the runtime rules from drifting apart.
 */
export type FieldsOf<Data> = {
  readonly [K in keyof Data]-?: undefined extends Data[K]
    ? FieldRule & { readonly optional: true }
    : FieldRule & { readonly optional: false };
};

export interface FieldError {
  readonly field: string;
  readonly reason: string;
}

const req = <R extends FieldRule>(rule: R) => ({ ...rule, optional: false as const });
const opt = <R extends FieldRule>(rule: R) => ({ ...rule, optional: true as const });

export const field = {
  isoDate: () => req({ kind: 'isoDate' }),
  municipalityCode: () => req({ kind: 'municipalityCode' }),
  slug: () => req({ kind: 'slug' }),
  eventId: () => req({ kind: 'eventId' }),
  personId: () => req({ kind: 'personId' }),
  boolean: () => req({ kind: 'boolean' }),
  integer: (min: number, max = Number.MAX_SAFE_INTEGER) => req({ kind: 'integer', min, max }),
  enum: (values: readonly string[]) => req({ kind: 'enum', values }),
  text: (maxLength: number) => req({ kind: 'text', maxLength }),
  optional: <R extends FieldRule>(spec: R & { optional: false }) => opt<FieldRule>(spec),
};

/** Ids of things (bodies, bases, employers, courses): lowercase kebab-case. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Event ids are client-supplied UUIDs (RFC 9562, any version). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isEventId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && SLUG.test(value);
}

/** Why `value` breaks `rule`, or null when it keeps it. */
export function checkField(value: unknown, rule: FieldRule): string | null {
  switch (rule.kind) {
    case 'isoDate':
      return isIsoDate(value) ? null : 'must be an existing calendar date written YYYY-MM-DD';
    case 'municipalityCode':
      return isMunicipalityCode(value)
        ? null
        : 'must be the 5-digit JIS code of a Kochi municipality';
    case 'slug':
      return isSlug(value) ? null : 'must be a lowercase kebab-case id of at most 64 characters';
    case 'eventId':
      return isEventId(value) ? null : 'must be a lowercase UUID';
    case 'personId':
      return isPersonId(value)
        ? null
        : 'must be a pseudonymous id: 8-64 letters, digits, - or _, with a letter and a digit';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      if (value < rule.min) return `must be at least ${rule.min}`;
      return value > rule.max ? `must be at most ${rule.max}` : null;
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? null
        : `must be one of: ${rule.values.join(', ')}`;
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return 'must be non-empty text';
      if (value.length > rule.maxLength) return `must be at most ${rule.maxLength} characters`;
      return containsContactDetails(value)
        ? 'must not contain contact details (e-mail address or phone number)'
        : null;
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

/** Checks a plain object against its field specs: missing, malformed and unknown fields. */
export function checkFields(
  data: Readonly<Record<string, unknown>>,
  fields: Readonly<Record<string, FieldSpec>>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    const value = data[name];
    if (value === undefined) {
      if (!spec.optional) errors.push({ field: name, reason: 'is required' });
      continue;
    }
    const reason = checkField(value, spec);
    if (reason) errors.push({ field: name, reason });
  }
  for (const name of Object.keys(data)) {
    if (!Object.hasOwn(fields, name))
      errors.push({ field: name, reason: 'is not a field of this event' });
  }
  return errors;
}
