import type { Actor } from '../access/actor.js';
import type { StoreTx } from '../store/types.js';

/** An event emitted inside a transaction, waiting to be written to the outbox. */
export interface PendingEvent {
  name: string;
  payload: Record<string, unknown>;
  actorId: string;
}

/** The state of one running kernel transaction: the store transaction and the events it emitted. */
export class TxScope {
  readonly tx: StoreTx;
  readonly events: PendingEvent[] = [];
  #open = true;

  constructor(tx: StoreTx) {
    this.tx = tx;
  }

  /** Queues an event; it reaches the outbox in this transaction. */
  emit(name: string, payload: Record<string, unknown>, actor: Actor): void {
    if (!this.#open) throw new Error(`cannot emit '${name}': its transaction has already finished`);
    this.events.push({ name, payload, actorId: actor.id });
  }

  /** False once the transaction has finished. */
  get isOpen(): boolean {
    return this.#open;
  }

  /** Marks the scope finished; later emits fail loudly instead of being lost. */
  close(): void {
    this.#open = false;
  }
}
