import { Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore, PostgresEventStore } from '@ledger/event-store';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../stores/stores.tokens';
import { RecordActivitiesHandler } from './record-activities/record-activities.handler';
import { RecordActivitiesHttpController } from './record-activities/record-activities.http.controller';
import { RECORDED_EVENTS_LOOKUP } from './recorded-events/recorded-events.lookup';
import { StoreBackedRecordedEventsLookup } from './recorded-events/store-backed-recorded-events.lookup';
import { PLAN_BODIES_CACHE, PlanBodiesCache } from './plan-bodies/plan-bodies.cache';

const commandHandlers = [RecordActivitiesHandler];
const lookups = [
  {
    provide: RECORDED_EVENTS_LOOKUP,
    inject: [DataSource, EVENT_STORE],
    useFactory: (dataSource: DataSource, store: EventStore) =>
      new StoreBackedRecordedEventsLookup(
        StoreBackedRecordedEventsLookup.poolFor(
          String((dataSource.options as { url?: string }).url),
        ),
        store,
        { densePositions: store instanceof PostgresEventStore },
      ),
  },
  {
    provide: PLAN_BODIES_CACHE,
    inject: [EVENT_STORE],
    useFactory: (store: EventStore) => new PlanBodiesCache(store),
  },
];
const controllers = [RecordActivitiesHttpController];

@Module({
  imports: [CqrsModule],
  providers: [...commandHandlers, ...lookups],
  controllers,
  exports: [RECORDED_EVENTS_LOOKUP],
})
export class RecordingModule implements OnModuleDestroy {
  constructor(
    @Inject(RECORDED_EVENTS_LOOKUP) private readonly recorded: StoreBackedRecordedEventsLookup,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.recorded.close();
  }
}
