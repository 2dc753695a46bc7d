/** Set once start-up (migrations, plan, demo data) is done; until then /health answers 503. */
export class Readiness {
  private isReady = false;

  get ready(): boolean {
    return this.isReady;
  }

  markReady(): void {
    this.isReady = true;
  }
}
