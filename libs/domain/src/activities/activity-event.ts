import { AwarenessActivity } from './awareness/awareness-activity';
import { ConsultationHandled } from './consultations/consultation-handled.event';
import { ReferralMade } from './consultations/referral-made.event';
import { RecordRetracted } from './corrections/record-retracted.event';
import { EmployerVisitMade } from './employer-development/employer-visit-made.event';
import { WorkplaceDeveloped } from './employer-development/workplace-developed.event';
import { MeetingHeld } from './meetings/meeting-held.event';
import { MunicipalSurveyConducted } from './needs-assessment/municipal-survey-conducted.event';
import { OutreachContactMade } from './outreach/outreach-contact-made.event';
import { OutreachVisitMade } from './outreach/outreach-visit-made.event';
import { SupportPlanMade } from './outreach/support-plan-made.event';
import { PlaceToBelongRegistered } from './places-to-belong/place-to-belong-registered.event';
import { SubsidyGranted } from './places-to-belong/subsidy-granted.event';
import { AdviserDispatched } from './support-platforms/adviser-dispatched.event';
import { IntegratedProgrammeJoined } from './support-platforms/integrated-programme-joined.event';
import { TrainingCompleted } from './training/training-completed.event';
import { TrainingSessionHeld } from './training/training-session-held.event';
import { EmploymentStarted } from './work-experience/employment-started.event';
import { WorkExperienceJoined } from './work-experience/work-experience-joined.event';

/** Every fact a body can record, at its current version. */
export type ActivityEvent =
  | MunicipalSurveyConducted
  | MeetingHeld
  | AdviserDispatched
  | IntegratedProgrammeJoined
  | AwarenessActivity
  | OutreachVisitMade
  | OutreachContactMade
  | SupportPlanMade
  | ConsultationHandled
  | ReferralMade
  | TrainingSessionHeld
  | TrainingCompleted
  | SubsidyGranted
  | PlaceToBelongRegistered
  | WorkExperienceJoined
  | EmploymentStarted
  | EmployerVisitMade
  | WorkplaceDeveloped
  | RecordRetracted;

export type ActivityType = ActivityEvent['type'];

export type ActivityDataOf<Type extends ActivityType> = Extract<
  ActivityEvent,
  { type: Type }
>['data'];

/** An activity with the id its recorder gave it (a UUID), as corrections refer to it. */
export type RecordedActivity = ActivityEvent & { readonly id: string };
