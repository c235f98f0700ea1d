/**
 * The bound parameters of one statement. Every value a caller supplies goes through here and
 * reaches PostgreSQL as a `$n` parameter, never as SQL text.
 */
export class Params {
  readonly values: unknown[] = [];

  /** Binds `value`; returns `$n`, or `$n::cast` when a cast is given. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    const ref = `$${this.values.length}`;
    return cast ? `${ref}::${cast}` : ref;
  }
}
