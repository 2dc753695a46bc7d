import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from '@ledger/access';
import { WARM_CONNECTIONS } from '@ledger/event-store';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from '@ledger/projections';
import { DataSource } from 'typeorm';
import { RECORDED_EVENTS_MIGRATIONS } from '../recording/recorded-events/recorded-events-persistence';

const POOL_SIZE = 10;

/**
 * The api's one connection to the read-model database: API keys, the recorded-ids table
 * and the read models. Tables come only from migrations, never from `synchronize`.
 */
export function createLedgerDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [...ACCESS_ENTITIES, ...PROJECTION_ENTITIES],
    migrations: [...ACCESS_MIGRATIONS, ...RECORDED_EVENTS_MIGRATIONS, ...PROJECTION_MIGRATIONS],
    synchronize: false,
    extra: { max: POOL_SIZE, min: WARM_CONNECTIONS },
  });
}
