import { ACTIVITY_BASE_FIELDS, Activity, ActivityBase } from '../activity-base';
import { ActivityDefinition } from '../activity-definition';
import { field } from '../field-rule';
import { TRAINING_COURSE_IDS, TrainingCourseId } from './training-course';

/**
 * Staff completed a course run by someone else (the national training): the prefecture
 * learns how many of its people completed, not who.
 */
export type TrainingCompletedData = ActivityBase & {
  readonly courseId: TrainingCourseId;
  readonly completions: number;
};

export type TrainingCompleted = Activity<'TrainingCompleted', TrainingCompletedData>;

export const TRAINING_COMPLETED: ActivityDefinition<'TrainingCompleted', TrainingCompletedData> = {
  type: 'TrainingCompleted',
  schemaVersion: 1,
  measureId: null,
  measureIds: ['2b', '3c', '4'],
  description: 'Support staff completed a training course run by another body.',
  fields: {
    ...ACTIVITY_BASE_FIELDS,
    courseId: field.enum(TRAINING_COURSE_IDS),
    completions: field.integer(1),
  },
  olderVersions: [],
};
