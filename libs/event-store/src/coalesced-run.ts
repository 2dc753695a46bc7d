/**
 * One piece of work (a catch-up read, a write of what is queued) shared by any number of concurrent
 * callers: at most one run in flight and one queued, and a caller is answered by a run
 * that started after its call, so it covers everything done before the caller asked.
 * Under load one run answers every caller that arrived while the one before it was going,
 * instead of one run each.
 */
export class CoalescedRun {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly work: () => Promise<void>) {}

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
    const running = this.work().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}
