import {
  containsContactDetails,
  isEventId,
  isIsoDate,
  isMunicipalityCode,
  isPersonId,
  isSlug,
} from '@ledger/domain';
import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * class-validator decorators over the domain's own predicates, so the HTTP boundary and the
 * domain agree on what a date, a municipality or a person id is. Messages are the reasons
 * the Problem Details body reports.
 */
function domainRule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message, ...options },
        validator: { validate: test },
      });
}

export const IsExistingDate = domainRule(
  'isExistingDate',
  isIsoDate,
  'must be an existing calendar date written YYYY-MM-DD',
);

export const IsMunicipalityCode = domainRule(
  'isMunicipalityCode',
  isMunicipalityCode,
  'must be the 5-digit JIS code of a Kochi municipality',
);

export const IsSlug = domainRule(
  'isSlug',
  isSlug,
  'must be a lowercase kebab-case id of at most 64 characters',
);

export const IsEventId = domainRule('isEventId', isEventId, 'must be a lowercase UUID');

export const IsPersonId = domainRule(
  'isPersonId',
  isPersonId,
  'must be a pseudonymous id: 8-64 letters, digits, - or _, with a letter and a digit',
);

/** Free text (titles, names, reasons): non-blank, bounded, no control characters or contact details. */
/**
 * C0 controls but tab and line breaks, and DEL: PostgreSQL's jsonb cannot store NUL at all
 * (the append failed as a 500), and the others would travel into reports and CSV files.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function IsFreeText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return domainRule(
    'isFreeText',
    (value) =>
      typeof value === 'string' &&
      value.trim() !== '' &&
      value.length <= maxLength &&
      !CONTROL_CHARACTERS.test(value) &&
      !containsContactDetails(value),
    `must be non-empty text of at most ${maxLength} characters, without control characters or contact details`,
  )(options);
}
