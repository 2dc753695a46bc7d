import { MeasureId } from '../plan/measure-id';
import { ACTIVITY_DEFINITIONS } from './activity-catalogue';
import { ActivityEvent } from './activity-event';
import { MEETING_KIND_MEASURES } from './meetings/meeting-held.event';
import { TRAINING_COURSES } from './training/training-course';

/**
 * The measure one recorded activity reports under. Null only for corrections, which count
 * under the measure of the record they correct.
 */
export function measureIdOf(activity: ActivityEvent): MeasureId | null {
  switch (activity.type) {
    case 'MeetingHeld':
      return MEETING_KIND_MEASURES[activity.data.kind];
    case 'TrainingSessionHeld':
    case 'TrainingCompleted':
      return TRAINING_COURSES[activity.data.courseId].measureId;
    case 'RecordRetracted':
      return null;
    case 'MunicipalSurveyConducted':
    case 'AdviserDispatched':
    case 'IntegratedProgrammeJoined':
    case 'FestaHeld':
    case 'DeclarationSigned':
    case 'SurveyAnswered':
    case 'OutreachVisitMade':
    case 'OutreachContactMade':
    case 'SupportPlanMade':
    case 'ConsultationHandled':
    case 'ReferralMade':
    case 'SubsidyGranted':
    case 'PlaceToBelongRegistered':
    case 'WorkExperienceJoined':
    case 'EmploymentStarted':
    case 'EmployerVisitMade':
    case 'WorkplaceDeveloped':
      return ACTIVITY_DEFINITIONS[activity.type].measureId;
    default: {
      const unreachable: never = activity;
      throw new Error(`unhandled activity ${JSON.stringify(unreachable)}`);
    }
  }
}
