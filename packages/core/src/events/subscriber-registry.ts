import type { BootFailure } from '../errors.js';
import type { EventHandler, SubscribeOptions, Subscriber } from './types.js';

const EVENT_NAME = /^(\*|[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+)$/;

/** Who listens to which event; `*` listens to every event. */
export class SubscriberRegistry {
  readonly #byEvent = new Map<string, Subscriber[]>();
  readonly #byId = new Map<string, Subscriber>();
  readonly #failures: BootFailure[];

  constructor(failures: BootFailure[]) {
    this.#failures = failures;
  }

  /** Subscribes `handler` (declared in `register`). */
  add(plugin: string, event: string, handler: EventHandler, options: SubscribeOptions = {}): void {
    if (!EVENT_NAME.test(event)) {
      this.#failures.push({
        plugin,
        phase: 'register',
        message: `'${event}' is not an event name (use <plugin>.<entity>.<verb>, entity.created, or *)`,
      });
      return;
    }
    const list = this.#byEvent.get(event) ?? [];
    const id = options.id ?? `${plugin}:${event}:${list.filter((s) => s.plugin === plugin).length + 1}`;
    const holder = this.#byId.get(id);
    if (holder) {
      this.#failures.push({
        plugin,
        phase: 'register',
        message: `event handler id '${id}' is already used by plugin '${holder.plugin}'`,
      });
      return;
    }
    const subscriber: Subscriber = {
      id,
      plugin,
      event,
      handler,
      transactional: options.transactional ?? true,
      ...(options.accepts ? { accepts: options.accepts } : {}),
    };
    list.push(subscriber);
    this.#byEvent.set(event, list);
    this.#byId.set(id, subscriber);
  }

  /** The handler ids that must receive an event of this name (those whose `accepts` filter takes it). */
  handlersFor(event: string): string[] {
    const ids: string[] = [];
    for (const list of [this.#byEvent.get(event), this.#byEvent.get('*')]) {
      for (const subscriber of list ?? []) {
        if (!subscriber.accepts || subscriber.accepts(event)) ids.push(subscriber.id);
      }
    }
    return ids;
  }

  /** A subscriber by id (undefined when its plugin is no longer installed). */
  get(id: string): Subscriber | undefined {
    return this.#byId.get(id);
  }

  /** Every subscriber, for introspection. */
  list(): Subscriber[] {
    return [...this.#byId.values()];
  }
}
