/**
 * A person in an event is a pseudonym issued by the recording body, never a name or contact
 * detail: support records can reveal mental-health history (要配慮個人情報 under the APPI).
 *
 * Format: 8–64 characters of ASCII letters, digits, `-` and `_`, starting with a letter or
 * digit, with at least one letter and at least one digit (e.g. `psc-7f3a9c2e`). The
 * character set rules out e-mail addresses (`@`, `.`) and Japanese names; requiring a
 * letter rules out phone numbers and birth dates; requiring a digit rules out plain
 * romanised names. It cannot prove an id is meaningless, so issuing bodies must draw them at
 * random and keep the key to the person outside this system, where the link can be removed.
 */
export type PersonId = string;

const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/;

export function isPersonId(value: unknown): value is PersonId {
  return (
    typeof value === 'string' && PERSON_ID.test(value) && /[A-Za-z]/.test(value) && /\d/.test(value)
  );
}

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
/** Japanese numbers: 0 + area/mobile prefix, or +81; separators optional. */
const PHONE = /(?<!\d)(?:\+81[-\s(]*|0)\d{1,4}[-\s()]*\d{1,4}[-\s)]*\d{4}(?!\d)/;

/** Free text in events (titles, venues, reasons) must not smuggle in contact details. */
export function containsContactDetails(text: string): boolean {
  return EMAIL.test(text) || PHONE.test(text);
}
