export * from './event-store.port';
export * from './event-store.errors';
export * from './postgres/postgres-event-store';
export { isUnavailable } from './postgres/postgres-errors';
export * from './embedded/embedded-postgres';
export * from './open-stores';
export * from './eventstoredb/eventstoredb-event-store';
export * from './coalesced-run';
