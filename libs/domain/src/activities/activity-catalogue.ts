import { MeasureId } from '../plan/measure-id';
import { ActivityDefinition, AnyActivityDefinition } from './activity-definition';
import { ActivityDataOf, ActivityType } from './activity-event';
import { DECLARATION_SIGNED } from './awareness/declaration-signed.event';
import { FESTA_HELD } from './awareness/festa-held.event';
import { SURVEY_ANSWERED } from './awareness/survey-answered.event';
import { CONSULTATION_HANDLED } from './consultations/consultation-handled.event';
import { REFERRAL_MADE } from './consultations/referral-made.event';
import { RECORD_RETRACTED } from './corrections/record-retracted.event';
import { EMPLOYER_VISIT_MADE } from './employer-development/employer-visit-made.event';
import { WORKPLACE_DEVELOPED } from './employer-development/workplace-developed.event';
import { MEETING_HELD } from './meetings/meeting-held.event';
import { MUNICIPAL_SURVEY_CONDUCTED } from './needs-assessment/municipal-survey-conducted.event';
import { OUTREACH_CONTACT_MADE } from './outreach/outreach-contact-made.event';
import { OUTREACH_VISIT_MADE } from './outreach/outreach-visit-made.event';
import { SUPPORT_PLAN_MADE } from './outreach/support-plan-made.event';
import { PLACE_TO_BELONG_REGISTERED } from './places-to-belong/place-to-belong-registered.event';
import { SUBSIDY_GRANTED } from './places-to-belong/subsidy-granted.event';
import { ADVISER_DISPATCHED } from './support-platforms/adviser-dispatched.event';
import { INTEGRATED_PROGRAMME_JOINED } from './support-platforms/integrated-programme-joined.event';
import { TRAINING_COMPLETED } from './training/training-completed.event';
import { TRAINING_SESSION_HELD } from './training/training-session-held.event';
import { EMPLOYMENT_STARTED } from './work-experience/employment-started.event';
import { WORK_EXPERIENCE_JOINED } from './work-experience/work-experience-joined.event';

/** The mapped type makes a forgotten activity type a compile error. */
export const ACTIVITY_DEFINITIONS: {
  readonly [Type in ActivityType]: ActivityDefinition<Type, ActivityDataOf<Type>>;
} = {
  MunicipalSurveyConducted: MUNICIPAL_SURVEY_CONDUCTED,
  MeetingHeld: MEETING_HELD,
  AdviserDispatched: ADVISER_DISPATCHED,
  IntegratedProgrammeJoined: INTEGRATED_PROGRAMME_JOINED,
  FestaHeld: FESTA_HELD,
  DeclarationSigned: DECLARATION_SIGNED,
  SurveyAnswered: SURVEY_ANSWERED,
  OutreachVisitMade: OUTREACH_VISIT_MADE,
  OutreachContactMade: OUTREACH_CONTACT_MADE,
  SupportPlanMade: SUPPORT_PLAN_MADE,
  ConsultationHandled: CONSULTATION_HANDLED,
  ReferralMade: REFERRAL_MADE,
  TrainingSessionHeld: TRAINING_SESSION_HELD,
  TrainingCompleted: TRAINING_COMPLETED,
  SubsidyGranted: SUBSIDY_GRANTED,
  PlaceToBelongRegistered: PLACE_TO_BELONG_REGISTERED,
  WorkExperienceJoined: WORK_EXPERIENCE_JOINED,
  EmploymentStarted: EMPLOYMENT_STARTED,
  EmployerVisitMade: EMPLOYER_VISIT_MADE,
  WorkplaceDeveloped: WORKPLACE_DEVELOPED,
  RecordRetracted: RECORD_RETRACTED,
};

export const ACTIVITY_TYPE_NAMES = Object.keys(ACTIVITY_DEFINITIONS) as ActivityType[];

export function isActivityType(value: unknown): value is ActivityType {
  return typeof value === 'string' && Object.hasOwn(ACTIVITY_DEFINITIONS, value);
}

export function definitionOf(type: ActivityType): AnyActivityDefinition {
  return ACTIVITY_DEFINITIONS[type];
}

/** What clients and the API documentation need to know about an activity type. */
export interface ActivityTypeInfo {
  /** The version new events are written at. */
  readonly schemaVersion: number;
  /** Every version still readable from the store, oldest first. */
  readonly storedVersions: readonly number[];
  /** Null when each record decides (see `measureIdOf`), or for corrections. */
  readonly measureId: MeasureId | null;
  readonly measureIds: readonly MeasureId[];
  readonly description: string;
}

export const ACTIVITY_TYPES = Object.fromEntries(
  ACTIVITY_TYPE_NAMES.map((type) => {
    const definition = definitionOf(type);
    const info: ActivityTypeInfo = {
      schemaVersion: definition.schemaVersion,
      storedVersions: [
        ...definition.olderVersions.map((v) => v.schemaVersion),
        definition.schemaVersion,
      ],
      measureId: definition.measureId,
      measureIds: definition.measureIds,
      description: definition.description,
    };
    return [type, info];
  }),
) as { readonly [Type in ActivityType]: ActivityTypeInfo };
