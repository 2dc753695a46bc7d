import { EventStore } from '@ledger/event-store';
import { AuditDatabase } from '../persistence/audit-database';
import { DEFAULT_CHECKPOINT_INTERVAL, HashChainRecorder } from './hash-chain-recorder';

/** Neither is touched until the recorder runs. */
const store = {} as EventStore;
const database = {} as AuditDatabase;

describe('hash-chain recorder as configured by the environment', () => {
  it('checkpoints every AUDIT_CHECKPOINT_INTERVAL events', () => {
    const recorder = HashChainRecorder.configured(store, database, {
      AUDIT_CHECKPOINT_INTERVAL: '250',
    });
    expect(recorder.checkpointInterval).toBe(250);
  });

  it('checkpoints every 10,000 events when it is unset', () => {
    expect(HashChainRecorder.configured(store, database, {}).checkpointInterval).toBe(
      DEFAULT_CHECKPOINT_INTERVAL,
    );
    expect(DEFAULT_CHECKPOINT_INTERVAL).toBe(10_000);
  });

  it.each(['0', '-5', '2.5', 'often'])(
    'refuses to start with AUDIT_CHECKPOINT_INTERVAL=%s',
    (value) => {
      expect(() =>
        HashChainRecorder.configured(store, database, { AUDIT_CHECKPOINT_INTERVAL: value }),
      ).toThrow('The checkpoint interval must be a positive integer');
    },
  );
});
