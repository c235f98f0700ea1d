import type { Logger } from 'pino';
import type { Repository } from '../data/repository.js';
import type { TransactionRunner } from '../data/transaction-runner.js';
import type { Token } from '../di/tokens.js';
import { RapportError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import { isoTime } from '../util/clock.js';
import { type Duration, toMilliseconds } from '../util/duration.js';
import { JOBS_COLLECTION, type JobRow } from './job-collection.js';

/** What a job receives. */
export interface JobContext {
  /** Start of the interval slot this run is for (epoch ms). */
  slotStart: number;
  now(): number;
  /** Repositories acting as the system. */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** Resolves a service from the kernel container. */
  resolve<T>(token: Token<T>): T;
  logger: Logger;
}

/** A declared job. */
export interface JobDefinition {
  id: string;
  plugin: string;
  intervalMs: number;
  run(context: JobContext): Promise<void> | void;
}

/** A job's state, for introspection. */
export interface JobStatus {
  id: string;
  plugin: string;
  intervalMs: number;
  running: boolean;
}

interface Dependencies {
  runner: TransactionRunner;
  clock: Clock;
  logger: Logger;
  context(job: JobDefinition, slotStart: number): JobContext;
}

/** What a running kernel shows of its jobs: the list, and running the due ones or one now. */
export type JobsView = Pick<JobScheduler, 'list' | 'runDue' | 'runNow'>;

/**
 * Interval jobs driven by the kernel {@link Clock}. Time is cut into slots of the job's interval;
 * a job runs at most once per slot across every process sharing the store, because each run
 * first claims its slot with a version-checked write to `_jobs` (a lost race is a conflict, and
 * the loser skips). Missed slots are not replayed: after downtime a job runs once.
 * In production a timer calls {@link JobScheduler.runDue}; tests advance a manual clock and
 * call it themselves.
 */
export class JobScheduler {
  readonly #jobs = new Map<string, JobDefinition>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #deps: Dependencies;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: Dependencies) {
    this.#deps = deps;
  }

  /** Declares a job; returns a message when it cannot. */
  add(
    plugin: string,
    id: string,
    interval: Duration | string,
    run: JobDefinition['run'],
  ): string | undefined {
    if (!id.startsWith(`${plugin}.`)) return `job id '${id}' must start with '${plugin}.'`;
    if (this.#jobs.has(id)) return `job '${id}' is already defined by '${this.#jobs.get(id)?.plugin}'`;
    let intervalMs: number;
    try {
      intervalMs = toMilliseconds(interval);
    } catch (error) {
      return `job '${id}': ${(error as Error).message}`;
    }
    this.#jobs.set(id, { id, plugin, intervalMs, run });
    return undefined;
  }

  /** Every job and whether it is running now. */
  list(): JobStatus[] {
    return [...this.#jobs.values()].map(({ id, plugin, intervalMs }) => ({
      id,
      plugin,
      intervalMs,
      running: this.#running.has(id),
    }));
  }

  /** Runs every job whose current slot has not run yet; resolves when they finish. */
  async runDue(): Promise<void> {
    await Promise.all([...this.#jobs.values()].map((job) => this.#runIfDue(job)));
  }

  /** Runs one job now, whatever its slot (for admins and tests). */
  async runNow(id: string): Promise<void> {
    const job = this.#jobs.get(id);
    if (!job) throw new RapportError('NOT_FOUND', `job '${id}' is not defined`);
    await this.#execute(job, this.#deps.clock.now());
  }

  /** Starts a wall-clock timer that calls {@link runDue} every `tickMs`. */
  startTimer(tickMs: number): void {
    this.stopTimer();
    this.#timer = setInterval(() => void this.runDue(), tickMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for running jobs. */
  async stop(): Promise<void> {
    this.stopTimer();
    await Promise.all(this.#running.values());
  }

  /** Stops the timer only. */
  stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #runIfDue(job: JobDefinition): Promise<void> {
    if (this.#running.has(job.id)) return;
    const now = this.#deps.clock.now();
    const slot = Math.floor(now / job.intervalMs);
    const claimed = await this.#claim(job, slot, now);
    if (claimed) await this.#execute(job, slot * job.intervalMs);
  }

  async #claim(job: JobDefinition, slot: number, now: number): Promise<boolean> {
    try {
      return await this.#deps.runner.run(async ({ tx }) => {
        const row = (await tx.get(JOBS_COLLECTION, job.id)) as JobRow | undefined;
        if (row && row.lastSlot >= slot) return false;
        const at = isoTime(now);
        if (!row) {
          await tx.insert(JOBS_COLLECTION, {
            id: job.id,
            createdAt: at,
            updatedAt: at,
            version: 1,
            lastSlot: slot,
            lastRunAt: at,
          });
        } else {
          await tx.update(
            JOBS_COLLECTION,
            { ...row, lastSlot: slot, lastRunAt: at, updatedAt: at, version: row.version + 1 },
            row.version,
          );
        }
        return true;
      });
    } catch (error) {
      if (error instanceof RapportError && error.code === 'CONFLICT') return false; // another process won
      this.#deps.logger.error({ err: error, job: job.id }, 'could not claim a job slot');
      return false;
    }
  }

  async #execute(job: JobDefinition, slotStart: number): Promise<void> {
    const run = (async () => {
      const started = this.#deps.clock.now();
      try {
        await this.#deps.runner.detached(() => job.run(this.#deps.context(job, slotStart)));
        this.#deps.logger.debug({ job: job.id, ms: this.#deps.clock.now() - started }, 'job finished');
      } catch (error) {
        this.#deps.logger.error({ err: error, job: job.id }, 'job failed; it runs again next interval');
      }
    })().finally(() => this.#running.delete(job.id));
    this.#running.set(job.id, run);
    await run;
  }
}
