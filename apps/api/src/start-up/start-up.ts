import { INestApplication, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventStore } from '@ledger/event-store';
import {
  RECORDED_EVENTS_LOOKUP,
  RecordedEventsLookup,
} from '../recording/recorded-events/recorded-events.lookup';
import { EVENT_STORE } from '../stores/stores.tokens';
import { recordDemoData } from './record-demo-data';
import { recordPlanIfAbsent } from './record-plan';

export interface StartUpOptions {
  /** `DEMO_DATA=off` starts with an empty ledger (the plan is still recorded). */
  demoData: boolean;
}

/** What must hold before the service calls itself ready (migrations ran when the app initialised). */
export async function startUp(app: INestApplication, options: StartUpOptions): Promise<void> {
  const logger = new Logger('StartUp');
  const store = app.get<EventStore>(EVENT_STORE);
  const recorded = app.get<RecordedEventsLookup>(RECORDED_EVENTS_LOOKUP);
  const storeWasEmpty = (await store.headPosition()) === 0;
  await recorded.catchUp();
  if (await recordPlanIfAbsent(store)) logger.log('Recorded the FY2023 plan');
  if (options.demoData) {
    const count = await recordDemoData(app.get(CommandBus), recorded, storeWasEmpty);
    if (count > 0) logger.log(`Recorded ${count} FY2023 demo activities`);
  }
}
