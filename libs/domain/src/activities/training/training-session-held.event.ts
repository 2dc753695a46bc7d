import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';
import { TRAINING_COURSE_IDS, TrainingCourseId } from './training-course';

/** A body ran one session of a training course, with its attendance. */
export type TrainingSessionHeldData = ActivityBase & {
  readonly courseId: TrainingCourseId;
  readonly title: string;
  readonly attendees: number;
  readonly venue?: string;
  /** 第N回, for courses the report counts round by round. */
  readonly sessionNumber?: number;
};

export type TrainingSessionHeld = Activity<'TrainingSessionHeld', TrainingSessionHeldData>;

export const TRAINING_SESSION_HELD: ActivityDefinition<
  'TrainingSessionHeld',
  TrainingSessionHeldData
> = {
  type: 'TrainingSessionHeld',
  schemaVersion: 1,
  measureId: null,
  measureIds: ['2b', '3c', '4'],
  description: 'A training session was held, with the number who attended.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    courseId: field.enum(TRAINING_COURSE_IDS),
    title: field.text(200),
    attendees: field.integer(0),
    venue: field.optional(field.text(200)),
    sessionNumber: field.optional(field.integer(1, 99)),
  },
  olderVersions: [],
};
