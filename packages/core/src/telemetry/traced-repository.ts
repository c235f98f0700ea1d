import type { Actor } from '../access/actor.js';
import { Repository, type RepositoryDeps, type WriteOptions } from '../data/repository.js';
import type { EntityRecord } from '../entities/define-entity.js';
import type { AggregateQuery, AggregateRow, FindQuery, Page, Where } from '../query/types.js';
import type { Telemetry } from './telemetry.js';

/**
 * A repository whose every call runs in a `rapport.repository.<operation>` span (attributes
 * `rapport.entity`, `rapport.operation`). The kernel hands these out only when tracing is on, so
 * an untraced kernel pays nothing for them.
 */
export class TracedRepository<T = Record<string, unknown>> extends Repository<T> {
  readonly #telemetry: Telemetry;

  constructor(deps: RepositoryDeps, actor: Actor, telemetry: Telemetry) {
    super(deps, actor);
    this.#telemetry = telemetry;
  }

  override create(input: T): Promise<EntityRecord<T>> {
    return this.#span('create', () => super.create(input));
  }

  override get(id: string): Promise<EntityRecord<T>> {
    return this.#span('get', () => super.get(id));
  }

  override getJson(id: string): Promise<{ json: string; version: number }> {
    return this.#span('get', () => super.getJson(id));
  }

  override find(query?: FindQuery): Promise<Page<EntityRecord<T>>> {
    return this.#span('find', () => super.find(query));
  }

  override count(where?: Where): Promise<number> {
    return this.#span('count', () => super.count(where));
  }

  override aggregate(query: AggregateQuery): Promise<AggregateRow[]> {
    return this.#span('aggregate', () => super.aggregate(query));
  }

  override update(id: string, patch: Partial<T>, options?: WriteOptions): Promise<EntityRecord<T>> {
    return this.#span('update', () => super.update(id, patch, options));
  }

  override delete(id: string, options?: WriteOptions): Promise<void> {
    return this.#span('delete', () => super.delete(id, options));
  }

  #span<R>(operation: string, work: () => Promise<R>): Promise<R> {
    return this.#telemetry.span(
      `rapport.repository.${operation}`,
      { 'rapport.entity': this.entity, 'rapport.operation': operation },
      work,
    );
  }
}
