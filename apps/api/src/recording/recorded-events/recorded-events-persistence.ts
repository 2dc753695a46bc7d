import { CreateRecordedEventIds1764300100000 } from './migrations/1764300100000-create-recorded-event-ids.migration';

export const RECORDED_EVENTS_MIGRATIONS = [CreateRecordedEventIds1764300100000];
