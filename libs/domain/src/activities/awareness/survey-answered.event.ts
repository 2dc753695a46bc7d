import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';

/** Choices for 「特に関心のある課題は何ですか」 (which issue concerns you most). */
export const SURVEY_TOP_ISSUES = [
  'hikikomori',
  'isolation',
  'young-carers',
  'elderly-care',
  'child-rearing',
  'disability',
  'poverty',
  'other',
] as const;

/** One anonymous answer sheet of an event survey (the Festa's, ②イ); it names nobody. */
export type SurveyAnsweredData = ActivityBase & {
  /** The survey, e.g. `kochike-festa-2023`. */
  readonly surveyId: string;
  readonly iceAgeGeneration: boolean;
  /** 「当フェスタに参加して、ひきこもり支援の相談窓口を知った」 */
  readonly learnedOfConsultationDesk: boolean;
  readonly topIssue?: (typeof SURVEY_TOP_ISSUES)[number];
};

export type SurveyAnswered = Activity<'SurveyAnswered', SurveyAnsweredData>;

export const SURVEY_ANSWERED: ActivityDefinition<'SurveyAnswered', SurveyAnsweredData> = {
  type: 'SurveyAnswered',
  schemaVersion: 1,
  measureId: '2b',
  measureIds: ['2b'],
  description: 'An attendee answered the Festa survey (anonymous).',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    surveyId: field.slug(),
    iceAgeGeneration: field.boolean(),
    learnedOfConsultationDesk: field.boolean(),
    topIssue: field.optional(field.enum(SURVEY_TOP_ISSUES)),
  },
  olderVersions: [],
};
