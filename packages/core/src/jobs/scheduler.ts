import type { Logger } from 'pino';
import type { Repository } from '../data/repository.js';
import type { TransactionRunner } from '../data/transaction-runner.js';
import type { Token } from '../di/tokens.js';
import { RapportError } from '../errors.js';
import type { KernelInstruments } from '../telemetry/kernel-instruments.js';
import type { Clock } from '../util/clock.js';
import { isoTime } from '../util/clock.js';
import type { Duration } from '../util/duration.js';
import { cronSchedule } from './cron-schedule.js';
import { JOBS_COLLECTION, type JobRow } from './job-collection.js';
import { intervalSchedule, type JobSchedule, type SlotSchedule } from './job-schedule.js';

/** What a job receives. */
export interface JobContext {
  /**
   * The scheduled instant this run is for (epoch ms): the start of the interval slot, or the
   * instant the cron expression names. `runNow` passes the time it was called.
   */
  slotStart: number;
  /** The time zone of a cron job's schedule; the deployment's (`kernel.timeZone`) for interval jobs. */
  timeZone: string;
  now(): number;
  /** Repositories acting as the system. */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** Resolves a service from the kernel container. */
  resolve<T>(token: Token<T>): T;
  logger: Logger;
}

/** What a job runs. */
export type JobRun = (context: JobContext) => Promise<void> | void;

/** A declared job. */
export interface JobDefinition {
  id: string;
  plugin: string;
  schedule: SlotSchedule;
  /** The zone of a cron schedule, or the deployment's. */
  timeZone: string;
  run: JobRun;
}

/** A job's state, for introspection. */
export interface JobStatus {
  id: string;
  plugin: string;
  /** Every so often, or by cron expression in a time zone. */
  schedule: JobSchedule;
  /**
   * The next scheduled instant after the kernel clock's now (ISO 8601); `null` when the
   * schedule names none. A slot already due and not yet run runs on the next tick before it.
   */
  nextRunAt: string | null;
  running: boolean;
}

/** Why a job could not be declared: a sentence naming the job, and the error behind it. */
export interface JobProblem {
  message: string;
  cause?: unknown;
}

interface Dependencies {
  runner: TransactionRunner;
  clock: Clock;
  logger: Logger;
  /** The deployment's time zone (`kernel.timeZone`). */
  timeZone: string;
  context(job: JobDefinition, slotStart: number): JobContext;
  /** Times each run and counts its outcome. */
  instruments: KernelInstruments;
}

/** The latest slot this process knows has run (here or elsewhere), and the first slot after it. */
interface KnownSlot {
  slot: number;
  next: number | undefined;
}

/** What a running kernel shows of its jobs: the list, and running the due ones or one now. */
export type JobsView = Pick<JobScheduler, 'list' | 'runDue' | 'runNow'>;

/**
 * Jobs driven by the kernel {@link Clock}, by interval or by cron expression in a time zone.
 * Each job's time is cut into slots named by their scheduled instant (see {@link SlotSchedule});
 * a job runs at most once per slot across every process sharing the store, because each run
 * first claims its slot with a version-checked write to `_jobs` (a lost race is a conflict, and
 * the loser skips). Missed slots are not replayed: after downtime a job runs once, for the
 * latest slot it missed. In production a timer calls {@link JobScheduler.runDue}; tests
 * advance a manual clock and call it themselves.
 */
export class JobScheduler {
  readonly #jobs = new Map<string, JobDefinition>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #known = new Map<string, KnownSlot>();
  readonly #deps: Dependencies;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: Dependencies) {
    this.#deps = deps;
  }

  /** Declares a job that runs once per `interval` (slots aligned to the epoch); returns the problem when it cannot. */
  add(plugin: string, id: string, interval: Duration | string, run: JobRun): JobProblem | undefined {
    return this.#define(plugin, id, run, this.#deps.timeZone, () => intervalSchedule(interval));
  }

  /**
   * Declares a job that runs at the instants `expression` names on the wall clock of `timeZone`
   * (see {@link cronSchedule}); returns the problem when it cannot.
   */
  addCron(
    plugin: string,
    id: string,
    expression: string,
    timeZone: string,
    run: JobRun,
  ): JobProblem | undefined {
    return this.#define(plugin, id, run, timeZone, () =>
      cronSchedule(expression, timeZone, this.#deps.clock.now()),
    );
  }

  /** Every job, its schedule, its next run and whether it is running now. */
  list(): JobStatus[] {
    const now = this.#deps.clock.now();
    return [...this.#jobs.values()].map(({ id, plugin, schedule }) => {
      const next = schedule.slotAfter(now);
      return {
        id,
        plugin,
        schedule: schedule.description,
        nextRunAt: next === undefined ? null : isoTime(next),
        running: this.#running.has(id),
      };
    });
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

  #define(
    plugin: string,
    id: string,
    run: JobRun,
    timeZone: string,
    schedule: () => SlotSchedule,
  ): JobProblem | undefined {
    if (!id.startsWith(`${plugin}.`)) return { message: `job id '${id}' must start with '${plugin}.'` };
    const holder = this.#jobs.get(id);
    if (holder) return { message: `job '${id}' is already defined by '${holder.plugin}'` };
    try {
      this.#jobs.set(id, { id, plugin, schedule: schedule(), timeZone, run });
      return undefined;
    } catch (cause) {
      return { message: `job '${id}': ${(cause as Error).message}`, cause };
    }
  }

  async #runIfDue(job: JobDefinition): Promise<void> {
    if (this.#running.has(job.id)) return;
    const now = this.#deps.clock.now();
    const known = this.#known.get(job.id);
    // The slot this process last saw taken is still the current one: nothing to ask the store.
    if (known && now >= known.slot && (known.next === undefined || now < known.next)) return;
    const slot = job.schedule.slotAt(now);
    if (slot === undefined) return;
    const claim = await this.#claim(job, slot, now);
    if (claim === 'failed') return;
    this.#known.set(job.id, { slot, next: job.schedule.slotAfter(slot) });
    if (claim === 'claimed') await this.#execute(job, slot);
  }

  /**
   * Claims `slot` in `_jobs`: `taken` when it (or a later one) already ran or another process won
   * the write. A cron job the store has no slot for yet is new: slots that began before it was
   * first seen are recorded as passed, not run, so a 09:00 job deployed at 15:00 waits for 09:00.
   */
  async #claim(job: JobDefinition, slot: number, now: number): Promise<'claimed' | 'taken' | 'failed'> {
    const schedule = job.schedule.description;
    try {
      return await this.#deps.runner.run(async ({ tx }) => {
        const row = (await tx.get(JOBS_COLLECTION, job.id)) as JobRow | undefined;
        const taken = row ? lastSlotStart(row, schedule) : undefined;
        if (taken !== undefined && taken >= slot) return 'taken';
        const run = taken !== undefined || schedule.kind === 'interval' || slot >= now;
        const at = isoTime(now);
        const claimed = {
          lastSlotStart: slot,
          // The interval-slot number, for processes of earlier versions that compare it.
          ...(schedule.kind === 'interval' ? { lastSlot: Math.floor(slot / schedule.intervalMs) } : {}),
          ...(run ? { lastRunAt: at } : {}),
          updatedAt: at,
        };
        if (!row) {
          await tx.insert(JOBS_COLLECTION, { id: job.id, createdAt: at, version: 1, ...claimed });
        } else {
          const { lastSlot: _previous, ...rest } = row;
          await tx.update(JOBS_COLLECTION, { ...rest, ...claimed, version: row.version + 1 }, row.version);
        }
        return run ? 'claimed' : 'taken';
      });
    } catch (error) {
      if (error instanceof RapportError && error.code === 'CONFLICT') return 'taken'; // another process won
      this.#deps.logger.error({ err: error, job: job.id }, 'could not claim a job slot');
      return 'failed';
    }
  }

  async #execute(job: JobDefinition, slotStart: number): Promise<void> {
    const run = (async () => {
      const started = this.#deps.clock.now();
      try {
        await this.#deps.instruments.job(job.id, async () =>
          this.#deps.runner.detached(() => job.run(this.#deps.context(job, slotStart))),
        );
        this.#deps.logger.debug({ job: job.id, ms: this.#deps.clock.now() - started }, 'job finished');
      } catch (error) {
        this.#deps.logger.error({ err: error, job: job.id }, 'job failed; it runs again in its next slot');
      }
    })().finally(() => this.#running.delete(job.id));
    this.#running.set(job.id, run);
    await run;
  }
}

/**
 * The scheduled instant of the latest slot a `_jobs` row records. Rows written before slots were
 * recorded as instants hold only an interval-slot number, which means an instant only for an
 * interval job; for a cron job such a row (left by an interval job of the same id) records none.
 */
function lastSlotStart(row: JobRow, schedule: JobSchedule): number | undefined {
  if (typeof row.lastSlotStart === 'number') return row.lastSlotStart;
  if (schedule.kind === 'interval' && typeof row.lastSlot === 'number')
    return row.lastSlot * schedule.intervalMs;
  return undefined;
}
