import type { Logger } from 'pino';
import type { Repository } from '../data/repository.js';
import type { Token } from '../di/tokens.js';

/** A domain event as handlers receive it. `id` is stable across redeliveries: use it to be idempotent. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  /** `<plugin>.<entity>.<verb>` (`sales.deal.won`) or a generic `entity.created|updated|deleted`. */
  name: string;
  payload: P;
  /** ISO 8601 UTC. */
  occurredAt: string;
  /** Who caused it. */
  actorId: string;
  /** How many times delivery failed before this attempt. */
  attempt: number;
}

/** What a handler receives beside the event. */
export interface EventHandlerContext {
  /**
   * A repository acting as the system. For transactional handlers (the default) it writes in the
   * same transaction that marks the event delivered, so the handler's writes happen exactly once.
   */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** Emits a follow-up event (written in the handler's transaction when it has one). */
  emit(name: string, payload: Record<string, unknown>): void;
  /** Resolves a service from the kernel container. */
  resolve<T>(token: Token<T>): T;
  logger: Logger;
  now(): number;
}

/** An event handler. Throw to have the event redelivered later with backoff. */
export type EventHandler<P = Record<string, unknown>> = (
  event: DomainEvent<P>,
  context: EventHandlerContext,
) => Promise<void> | void;

/** Options of `ctx.events.on`. */
export interface SubscribeOptions {
  /** Stable handler id; defaults to `<plugin>:<event>:<n>`. Changing it re-targets pending deliveries. */
  id?: string;
  /**
   * `true` (default): the handler runs in a store transaction with the delivery mark, so its
   * store writes happen exactly once. `false`: for external side effects (HTTP calls); delivery is
   * at-least-once and the handler should dedupe on `event.id`.
   */
  transactional?: boolean;
  /**
   * Asked, synchronously, when an event of this name is written: `false` writes no delivery for
   * this handler (and no outbox row when no other handler wants it). For a `*` handler whose
   * interest lives in data (webhook subscriptions), so an event nobody wants costs nothing.
   * It must not throw; when in doubt, answer `true`.
   */
  accepts?: (eventName: string) => boolean;
}

/** One registered subscriber. */
export interface Subscriber {
  id: string;
  plugin: string;
  event: string;
  handler: EventHandler;
  transactional: boolean;
  accepts?: (eventName: string) => boolean;
}
