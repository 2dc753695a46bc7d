import { CommandBus } from '@nestjs/cqrs';
import { fy2023DemoActivities } from '@ledger/domain';
import { randomUUID } from 'node:crypto';
import { RecordedEventsLookup } from '../recording/recorded-events/recorded-events.lookup';
import {
  ActivityToRecord,
  RecordActivities,
} from '../recording/record-activities/record-activities.command';

const DEMO_BATCH_SIZE = 500;
const DEMO_PRINCIPAL = 'system:demo';

/**
 * Records the FY2023 activities through the same command handler as HTTP, so they are
 * validated like any other; each batch is recorded for its activities' body. Demo ids are
 * fixed, so a start-up interrupted half-way finishes the job next time (batches already
 * written are idempotent no-ops) and a complete demo is never recorded twice.
 * Returns how many activities were recorded now.
 */
export async function recordDemoData(
  commands: CommandBus,
  recorded: RecordedEventsLookup,
  storeWasEmpty: boolean,
): Promise<number> {
  const demo = fy2023DemoActivities();
  if (demo.length === 0) return 0;
  const ends = [demo[0].id, demo[demo.length - 1].id];
  const found = await recorded.findExisting(ends);
  const interrupted = found.has(ends[0]) && !found.has(ends[1]);
  if (!storeWasEmpty && !interrupted) return 0;

  // Consecutive runs of one body, in the demo's order, so a correction always comes after
  // the event it corrects.
  const batches: { bodyId: string; activities: ActivityToRecord[] }[] = [];
  for (const activity of demo) {
    const { occurredOn, ...data } = activity.data;
    const last = batches.at(-1);
    const batch =
      last && last.bodyId === activity.bodyId && last.activities.length < DEMO_BATCH_SIZE
        ? last
        : { bodyId: activity.bodyId, activities: [] };
    if (batch !== last) batches.push(batch);
    batch.activities.push({
      id: activity.id,
      type: activity.type,
      schemaVersion: activity.schemaVersion,
      occurredOn: String(occurredOn),
      data,
    });
  }
  const correlationId = randomUUID();
  let count = 0;
  for (const { bodyId, activities } of batches) {
    await commands.execute(
      new RecordActivities(
        activities,
        { principal: DEMO_PRINCIPAL, bodyId },
        correlationId,
        randomUUID(),
      ),
    );
    count += activities.length;
  }
  return count;
}
