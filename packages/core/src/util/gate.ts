/**
 * At most `limit` tasks at once; the rest wait in order (deliveries to outside services, so a
 * backlog does not open a connection per item).
 *
 * @example
 * ```ts
 * const gate = new Gate(8);
 * await Promise.all(ids.map((id) => gate.run(() => send(id))));
 * ```
 */
export class Gate {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];
  readonly #tasks = new Set<Promise<unknown>>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Runs `task` once fewer than `limit` run; resolves or rejects as it does. */
  run<R>(task: () => Promise<R>): Promise<R> {
    const job = this.#run(task);
    this.#tasks.add(job);
    return job.finally(() => this.#tasks.delete(job));
  }

  /** Waits until no task runs or waits (those started meanwhile included); never rejects. */
  async idle(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  async #run<R>(task: () => Promise<R>): Promise<R> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running += 1;
    try {
      return await task();
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }
}
