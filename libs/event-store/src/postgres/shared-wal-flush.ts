/**
 * WAL flushes shared by concurrent appenders: at most one in flight and one queued, and a
 * caller is answered by a flush that started after its call, so it covers the caller's
 * commit. Under load one flush answers every append that committed while the one before
 * it was running, instead of one round trip and one disk flush each.
 */
export class SharedWalFlush {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly flush: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    const queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    this.queued = queued;
    return queued;
  }

  private start(): Promise<void> {
    const running = this.flush().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}
