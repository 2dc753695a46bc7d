import { StoreKind } from '@ledger/event-store';

/**
 * Where the projections run: inside the api, or in the separate `npm run projector`
 * process (docker-compose sets `PROJECTOR=external` for its projector service).
 */
export type ProjectorMode = 'in-process' | 'external';

/**
 * Embedded PGlite is served by the api process itself, so no other process can own the
 * projections there: they always run in-process, whatever `PROJECTOR` says.
 */
export function projectorModeFor(
  storeKind: StoreKind,
  env: { PROJECTOR?: string } = process.env,
): ProjectorMode {
  const asked = env.PROJECTOR?.trim() || 'in-process';
  if (asked !== 'in-process' && asked !== 'external') {
    throw new Error(`PROJECTOR must be in-process or external; got ${asked}`);
  }
  return storeKind === 'embedded' ? 'in-process' : asked;
}
