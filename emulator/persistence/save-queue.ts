// Saves run one at a time and are coalesced: every caller waits for a save that started after its
// call (so it captured the caller's change), and callers that arrive during a save share the next.
/** Runs `work` one at a time; a request is answered by a run that started after it. */
export class SaveQueue {
  private running: Promise<void> | undefined;
  private pending: Promise<void> | undefined;

  constructor(private readonly work: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.pending !== undefined) return this.pending;
    if (this.running === undefined) {
      this.running = this.work().finally(() => (this.running = undefined));
      return this.running;
    }
    // A run is in progress with an older capture: queue exactly one more behind it for every waiter.
    this.pending = this.running
      .catch(() => undefined)
      .then(() => {
        this.pending = undefined;
        return this.request();
      });
    return this.pending;
  }

  async idle(): Promise<void> {
    while (this.running !== undefined || this.pending !== undefined)
      await (this.pending ?? this.running)!.catch(() => undefined);
  }
}
