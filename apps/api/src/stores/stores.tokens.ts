/** Injection tokens for what `openStores` opened before the Nest app was built. */
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');

export type Clock = () => Date;
