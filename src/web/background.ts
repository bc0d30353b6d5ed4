/**
 * Work that runs after the response has been sent (e.g. the password-reset mail, so that the
 * answer takes as long whether or not the account exists). Failures are logged, never thrown.
 * `settled()` lets shutdown and tests wait for what is still running.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();
  constructor(private readonly onError: (err: unknown) => void) {}

  run(task: () => Promise<void>): void {
    const p = task()
      .catch((err: unknown) => this.onError(err))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
