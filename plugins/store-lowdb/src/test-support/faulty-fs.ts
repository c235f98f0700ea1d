import type { StoreFileHandle, StoreFs } from '../fs/store-fs.js';
import { nodeFs } from '../fs/store-fs.js';

interface Gate {
  pattern: RegExp;
  arrived(): void;
  released: Promise<void>;
}

/** When to fail: the `failAt`-th call after arming, and with `persist` every call after it too. */
export interface FaultPlan {
  failAt: number;
  mode: 'once' | 'persist';
}

/**
 * A {@link StoreFs} over the real one that fails chosen calls with `EIO`, in the manner of
 * SQLite's I/O error tests. Every call counts: open, read, readdir, rename, link, unlink, mkdir,
 * and on handles pread, write, datasync, sync, truncate and close. A failed `write` first writes half of
 * its bytes for real (a torn write); a failed `close` still releases the real descriptor.
 */
export class FaultyFs implements StoreFs {
  readonly #real: StoreFs;
  #plan: FaultPlan | undefined;
  /** Calls counted since arming. */
  calls = 0;
  /** Faults injected since arming. */
  injected = 0;
  /** The calls made since arming, for messages. */
  trace: string[] = [];
  #gates: Gate[] = [];

  constructor(real: StoreFs = nodeFs) {
    this.#real = real;
  }

  /** Starts counting calls and failing per `plan`; without a plan, only counts. */
  arm(plan?: FaultPlan): void {
    this.#plan = plan;
    this.calls = 0;
    this.injected = 0;
    this.trace = [];
  }

  /**
   * Holds the first call whose description (`datasync /path`) matches `pattern` until released,
   * to force an interleaving. `reached` resolves when the call arrives.
   */
  pause(pattern: RegExp): { reached: Promise<void>; release(): void } {
    let arrived!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#gates.push({ pattern, arrived, released });
    return { reached, release };
  }

  async #wait(description: string): Promise<void> {
    const index = this.#gates.findIndex((gate) => gate.pattern.test(description));
    if (index < 0) return;
    const [gate] = this.#gates.splice(index, 1) as [Gate];
    gate.arrived();
    await gate.released;
  }

  /** Stops failing (calls are still counted). */
  disarm(): void {
    this.#plan = undefined;
  }

  #check(call: string, path: string): boolean {
    this.calls += 1;
    this.trace.push(`${call} ${path}`);
    const plan = this.#plan;
    if (!plan) return false;
    const fail = this.calls === plan.failAt || (plan.mode === 'persist' && this.calls > plan.failAt);
    if (fail) this.injected += 1;
    return fail;
  }

  #fault(call: string, path: string): Error {
    return Object.assign(new Error(`EIO: injected fault in ${call} ${path} (call ${this.calls})`), {
      code: 'EIO',
    });
  }

  async #run<T>(call: string, path: string, real: () => Promise<T>): Promise<T> {
    await this.#wait(`${call} ${path}`);
    if (this.#check(call, path)) throw this.#fault(call, path);
    return real();
  }

  mkdir(path: string): Promise<void> {
    return this.#run('mkdir', path, () => this.#real.mkdir(path));
  }

  async open(path: string, flags: string): Promise<StoreFileHandle> {
    const handle = await this.#run(`open(${flags})`, path, () => this.#real.open(path, flags));
    return this.#wrap(handle, path);
  }

  readFile(path: string): Promise<Buffer> {
    return this.#run('readFile', path, () => this.#real.readFile(path));
  }

  readdir(path: string): Promise<string[]> {
    return this.#run('readdir', path, () => this.#real.readdir(path));
  }

  rename(from: string, to: string): Promise<void> {
    return this.#run('rename', `${from} -> ${to}`, () => this.#real.rename(from, to));
  }

  link(from: string, to: string): Promise<void> {
    return this.#run('link', `${from} -> ${to}`, () => this.#real.link(from, to));
  }

  unlink(path: string): Promise<void> {
    return this.#run('unlink', path, () => this.#real.unlink(path));
  }

  #wrap(handle: StoreFileHandle, path: string): StoreFileHandle {
    return {
      read: (buffer, offset, length, position) =>
        this.#run('pread', path, () => handle.read(buffer, offset, length, position)),
      write: async (buffer, offset, length) => {
        await this.#wait(`write ${path}`);
        if (this.#check('write', path)) {
          const half = Math.floor(length / 2);
          if (half > 0) await handle.write(buffer, offset, half);
          throw this.#fault('write', path);
        }
        return handle.write(buffer, offset, length);
      },
      datasync: () => this.#run('datasync', path, () => handle.datasync()),
      sync: () => this.#run('sync', path, () => handle.sync()),
      truncate: (length) => this.#run('truncate', path, () => handle.truncate(length)),
      close: async () => {
        if (this.#check('close', path)) {
          await handle.close().catch(() => undefined);
          throw this.#fault('close', path);
        }
        await handle.close();
      },
    };
  }
}
