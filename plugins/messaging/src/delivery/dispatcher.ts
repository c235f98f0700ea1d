import {
  createToken,
  Gate,
  isoTime,
  type Kernel,
  type KernelTransaction,
  LINKS,
  missing,
  RapportError,
  SYSTEM_ACTOR,
  sweepDue,
  toMilliseconds,
} from '@rapport/core';
import type { CustomerRecord } from '@rapport/plugin-customers';
import type { AdapterRegistry } from '../adapters/adapter-registry.js';
import type { ChannelAccount, ChannelAccountRecord } from '../entities/channel-account.js';
import type { DeliveryEvent } from '../entities/delivery-event.js';
import type { Message, MessageRecord } from '../entities/message.js';
import type { MessagingOptions } from '../options.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import { evaluateRules } from '../send/rules.js';
import { attempt } from './attempt-outcome.js';
import { Connections } from './connections.js';
import { buildEnvelope } from './envelope.js';
import { recordOutcome } from './record-outcome.js';

/** A message claimed for an attempt outside the store. */
interface Claimed {
  message: MessageRecord;
  account: ChannelAccountRecord;
  attemptNo: number;
}

const system = <T>(tx: KernelTransaction, entity: string) => tx.data<T>(entity, { actor: SYSTEM_ACTOR });

/**
 * Delivers queued messages: claims one (a version-checked `queued → sending` with a lease, after
 * checking the rules again), calls its adapter outside any transaction with a time limit, and
 * records the outcome. At most `concurrency` adapter calls run at once in a process. An adapter
 * that leaves nothing outside the store (`inStore`, the log adapter) is called inside the claim's
 * transaction, so its message is delivered exactly once. Otherwise delivery is at least once: a
 * crash between the provider's answer and its record leaves the message `sending` until its
 * lease ends, then it is sent again with the same Message-ID / idempotency key.
 */
export class Dispatcher {
  readonly #kernel: Kernel;
  readonly #options: MessagingOptions;
  readonly #connections: Connections;
  readonly #gate: Gate;
  readonly #timeoutMs: number;
  readonly #leaseMs: number;

  constructor(kernel: Kernel, options: MessagingOptions, adapters: AdapterRegistry) {
    this.#kernel = kernel;
    this.#options = options;
    this.#connections = new Connections(kernel, adapters);
    this.#gate = new Gate(options.concurrency);
    this.#timeoutMs = toMilliseconds(options.sendTimeout);
    this.#leaseMs = toMilliseconds(options.sendingLease);
  }

  /** Delivers one message if it is due (a no-op otherwise); resolves when this attempt is recorded. */
  deliver(id: string): Promise<void> {
    return this.#gate.run(() => this.#deliver(id));
  }

  /**
   * Delivers every due message — queued ones whose time has come (retries, deferrals) and
   * `sending` ones whose lease ran out (a crash) — in batches; answers how many were looked at.
   */
  deliverDue(): Promise<number> {
    return sweepDue({
      records: this.#kernel.data('message', { actor: SYSTEM_ACTOR }),
      now: () => isoTime(this.#kernel.clock.now()),
      work: (id) => this.deliver(id),
    });
  }

  /** Waits for the attempts running now. */
  idle(): Promise<void> {
    return this.#gate.idle();
  }

  /** Waits for running attempts and closes the adapters' connections. */
  async close(): Promise<void> {
    await this.idle();
    await this.#connections.closeAll();
  }

  async #deliver(id: string): Promise<void> {
    let claimed: Claimed | undefined;
    try {
      claimed = await this.#kernel.transaction((tx) => this.#claim(tx, id));
    } catch (error) {
      if (error instanceof RapportError && error.code === 'CONFLICT') return; // another process took it
      throw error;
    }
    if (!claimed) return;
    const { message, account, attemptNo } = claimed;
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const outcome = await attempt(
      async () => {
        const connection = await this.#connections.connectionOf(account);
        const envelope = await buildEnvelope(
          message,
          account,
          attemptNo,
          signal,
          this.#options,
          this.#kernel.resolve(LINKS),
        );
        return withTimeout(connection.send(envelope), signal);
      },
      () => this.#kernel.clock.now(),
    );
    await this.#kernel.transaction((tx) =>
      recordOutcome(tx, message.id, attemptNo, outcome, this.#options, this.#kernel.clock.now()),
    );
  }

  /** In one transaction: checks the message is due, applies the rules, and takes it (`sending`, with a lease). */
  async #claim(tx: KernelTransaction, id: string): Promise<Claimed | undefined> {
    const messages = system<Message>(tx, 'message');
    const message = (await messages.get(id).catch(missing)) as MessageRecord | undefined;
    if (message?.direction !== 'outbound') return undefined;
    const now = this.#kernel.clock.now();
    if (message.status === 'queued') {
      if (message.nextAttemptAt && Date.parse(message.nextAttemptAt) > now) return undefined;
    } else if (message.status === 'sending') {
      if (message.leaseUntil && Date.parse(message.leaseUntil) > now) return undefined;
      await this.#log(tx, message, 'attempt', 'unknown', {
        attempt: message.attempts,
        answer:
          'the attempt was cut short (the process stopped before the provider answer was recorded); sending again with the same Message-ID',
      });
    } else {
      return undefined;
    }
    const account = (await system<ChannelAccount>(tx, 'channelAccount')
      .get(message.accountId)
      .catch(missing)) as ChannelAccountRecord | undefined;
    if (!account) {
      await messages.update(id, {
        status: 'failed',
        failedAt: isoTime(now),
        reason: { code: 'account.missing', message: 'its channel account was deleted' },
        leaseUntil: null as never,
      });
      return undefined;
    }
    if (account.status === 'paused') {
      const until = isoTime(now + toMilliseconds(this.#options.retryMax));
      await messages.update(id, {
        status: 'queued',
        nextAttemptAt: until,
        reason: { code: 'account.paused', message: `account '${account.name}' is paused` },
        leaseUntil: null as never,
      });
      return undefined;
    }
    const customer = message.customerId
      ? ((await system(tx, 'customer').get(message.customerId).catch(missing)) as CustomerRecord | undefined)
      : undefined;
    const verdict = await evaluateRules(
      { system: (entity) => system(tx, entity) },
      this.#options,
      this.#kernel.timeZone,
      {
        channel: message.channel,
        purpose: message.purpose,
        address: message.to,
        ...(customer ? { customer } : {}),
        now,
        messageId: message.id,
        ...(message.onlyNow ? { onlyNow: true } : {}),
      },
    );
    if (verdict.verdict === 'refuse') {
      await messages.update(id, {
        status: 'suppressed',
        reason: verdict.reason,
        leaseUntil: null as never,
        nextAttemptAt: null as never,
      });
      await this.#log(tx, message, 'rule', verdict.reason.code, {
        status: 'suppressed',
        answer: verdict.reason.message,
      });
      return undefined;
    }
    if (verdict.verdict === 'defer') {
      const until = isoTime(verdict.until);
      await messages.update(id, {
        status: 'queued',
        nextAttemptAt: until,
        deferredUntil: until,
        reason: verdict.reason,
        leaseUntil: null as never,
      });
      await this.#log(tx, message, 'rule', `deferred.${verdict.reason.code}`, {
        status: 'queued',
        answer: `${verdict.reason.message}; until ${until}`,
      });
      return undefined;
    }
    const attemptNo = message.attempts + 1;
    const taken = (await messages.update(
      id,
      {
        status: 'sending',
        attempts: attemptNo,
        leaseUntil: isoTime(now + this.#leaseMs),
        reason: null as never,
        deferredUntil: null as never,
      },
      { expectedVersion: message.version },
    )) as MessageRecord;
    const adapter = this.#connections.adapterOf(account);
    if (!adapter.inStore) return { message: taken, account, attemptNo };
    // Nothing leaves the store: send and record in this transaction, exactly once.
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const outcome = await attempt(
      async () => {
        const connection = await this.#connections.connectionOf(account);
        const envelope = await buildEnvelope(
          taken,
          account,
          attemptNo,
          signal,
          this.#options,
          this.#kernel.resolve(LINKS),
        );
        return connection.send(envelope);
      },
      () => this.#kernel.clock.now(),
    );
    await recordOutcome(tx, id, attemptNo, outcome, this.#options, this.#kernel.clock.now());
    return undefined;
  }

  async #log(
    tx: KernelTransaction,
    message: MessageRecord,
    kind: DeliveryEvent['kind'],
    outcome: string,
    extra: Partial<DeliveryEvent>,
  ): Promise<void> {
    await system<DeliveryEvent>(tx, 'deliveryEvent').create({
      messageId: message.id,
      kind,
      at: isoTime(this.#kernel.clock.now()),
      status: message.status,
      outcome,
      ...extra,
    });
  }
}

/** Rejects when `signal` aborts, whether or not the adapter listens to it. */
function withTimeout<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(Object.assign(new Error('the send timed out'), { name: 'AbortError' }));
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** The token of the plugin's {@link Dispatcher} (one per kernel). */
export const DELIVERY = createToken<Dispatcher>(`${MESSAGING_PLUGIN_ID}.delivery`);
