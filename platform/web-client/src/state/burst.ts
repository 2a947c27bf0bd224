/**
 * Tells whether something that happens now starts a new burst: it does when nothing happened for quietMs before it.
 * Alerts use it so that a room getting fifty messages a second plays one sound, not fifty.
 */
export class Burst {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly quietMs: number) {}

  starts(now: number): boolean {
    const starts = now - this.last > this.quietMs;
    this.last = now;
    return starts;
  }
}
