/**
 * Runs a refresh (a catch-up read) for any number of concurrent callers with at most one
 * read in flight and one queued: a caller is answered by a read that started after its
 * call, so it sees everything committed before it asked, without one read per caller.
 */
export class CoalescedRefresh {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly read: () => Promise<void>) {}

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
    const running = this.read().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}
