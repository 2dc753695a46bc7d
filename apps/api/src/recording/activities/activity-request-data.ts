import { ActivityType } from '@ledger/domain';
import { DeclarationSignedRequestData } from './awareness/declaration-signed.request.dto';
import { FestaHeldRequestData } from './awareness/festa-held.request.dto';
import { SurveyAnsweredRequestData } from './awareness/survey-answered.request.dto';
import { ConsultationHandledRequestData } from './consultations/consultation-handled.request.dto';
import { ReferralMadeRequestData } from './consultations/referral-made.request.dto';
import { RecordRetractedRequestData } from './corrections/record-retracted.request.dto';
import { EmployerVisitMadeRequestData } from './employer-development/employer-visit-made.request.dto';
import { WorkplaceDevelopedRequestData } from './employer-development/workplace-developed.request.dto';
import { MeetingHeldRequestData } from './meetings/meeting-held.request.dto';
import { MunicipalSurveyConductedRequestData } from './needs-assessment/municipal-survey-conducted.request.dto';
import { OutreachContactMadeRequestData } from './outreach/outreach-contact-made.request.dto';
import { OutreachVisitMadeRequestData } from './outreach/outreach-visit-made.request.dto';
import { SupportPlanMadeRequestData } from './outreach/support-plan-made.request.dto';
import { PlaceToBelongRegisteredRequestData } from './places-to-belong/place-to-belong-registered.request.dto';
import { SubsidyGrantedRequestData } from './places-to-belong/subsidy-granted.request.dto';
import { AdviserDispatchedRequestData } from './support-platforms/adviser-dispatched.request.dto';
import { IntegratedProgrammeJoinedRequestData } from './support-platforms/integrated-programme-joined.request.dto';
import { TrainingCompletedRequestData } from './training/training-completed.request.dto';
import { TrainingSessionHeldRequestData } from './training/training-session-held.request.dto';
import { EmploymentStartedRequestData } from './work-experience/employment-started.request.dto';
import { WorkExperienceJoinedRequestData } from './work-experience/work-experience-joined.request.dto';

/** A request-data class for each activity type: a type without one is a compile error. */
export const ACTIVITY_REQUEST_DATA: { readonly [Type in ActivityType]: new () => object } = {
  MunicipalSurveyConducted: MunicipalSurveyConductedRequestData,
  MeetingHeld: MeetingHeldRequestData,
  AdviserDispatched: AdviserDispatchedRequestData,
  IntegratedProgrammeJoined: IntegratedProgrammeJoinedRequestData,
  FestaHeld: FestaHeldRequestData,
  DeclarationSigned: DeclarationSignedRequestData,
  SurveyAnswered: SurveyAnsweredRequestData,
  OutreachVisitMade: OutreachVisitMadeRequestData,
  OutreachContactMade: OutreachContactMadeRequestData,
  SupportPlanMade: SupportPlanMadeRequestData,
  ConsultationHandled: ConsultationHandledRequestData,
  ReferralMade: ReferralMadeRequestData,
  TrainingSessionHeld: TrainingSessionHeldRequestData,
  TrainingCompleted: TrainingCompletedRequestData,
  SubsidyGranted: SubsidyGrantedRequestData,
  PlaceToBelongRegistered: PlaceToBelongRegisteredRequestData,
  WorkExperienceJoined: WorkExperienceJoinedRequestData,
  EmploymentStarted: EmploymentStartedRequestData,
  EmployerVisitMade: EmployerVisitMadeRequestData,
  WorkplaceDeveloped: WorkplaceDevelopedRequestData,
  RecordRetracted: RecordRetractedRequestData,
};
