import { MeasureId } from '../../plan/measure-id';
import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** Which measure a meeting serves follows from its kind. */
export const MEETING_KIND_MEASURES = {
  /** The peer support center joins a municipality's study session (①). */
  'study-session': '1',
  /** Seminar for mayors on multi-agency support platforms (②ア). */
  'top-seminar': '2a',
  /** The department's follow-up visit to one mayor (②ア). */
  'mayor-visit': '2a',
  /** Four-party opinion exchange in one of the opinion-exchange blocks (②ア). */
  'block-exchange': '2a',
  /** The support center's supporter liaison meeting for one of its blocks (③ウ). */
  liaison: '3c',
  /** Case conference or study meeting with other agencies, attended to advise (③ウ). */
  'case-conference': '3c',
  /** Public or professional lecture organised by the support center (③ウ). */
  lecture: '3c',
} as const satisfies Record<string, MeasureId>;

export type MeetingKind = keyof typeof MEETING_KIND_MEASURES;

export const MEETING_KINDS = Object.keys(MEETING_KIND_MEASURES) as MeetingKind[];

export type MeetingHeldData = ActivityBase & {
  readonly kind: MeetingKind;
  readonly title: string;
  readonly attendees?: number;
  /** Member id in the grouping the meeting is organised by, e.g. `central`. */
  readonly blockId?: string;
  /** How many municipalities took part, for meetings that gather several. */
  readonly municipalitiesTakingPart?: number;
};

export type MeetingHeld = Activity<'MeetingHeld', MeetingHeldData>;

export const MEETING_HELD: ActivityDefinition<'MeetingHeld', MeetingHeldData> = {
  type: 'MeetingHeld',
  schemaVersion: 1,
  measureId: null,
  measureIds: ['1', '2a', '3c'],
  description:
    'A seminar, visit, opinion exchange, liaison meeting, case conference or lecture took place.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    kind: field.enum(MEETING_KINDS),
    title: field.text(200),
    attendees: field.optional(field.integer(0)),
    blockId: field.optional(field.slug()),
    municipalitiesTakingPart: field.optional(field.integer(1, 34)),
  },
  olderVersions: [],
  invariants: (data) =>
    data.kind === 'liaison' && data.blockId === undefined
      ? [{ field: 'blockId', reason: 'is required for a liaison meeting' }]
      : [],
};
