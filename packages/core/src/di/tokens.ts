/**
 * A typed dependency-injection token. It is a `symbol` at run time (so it works directly with
 * tsyringe's `@inject`) and carries the service type for the compiler.
 */
export type Token<T> = symbol & { readonly __service?: T };

/** The service type a token stands for. */
export type TokenType<K> = K extends Token<infer T> ? T : never;

/**
 * Creates a typed token. Name it `<plugin>.<service>`; the name appears in boot errors.
 *
 * @example
 * ```ts
 * export const FORECAST = createToken<Forecast>('sales.forecast');
 * ```
 */
export function createToken<T>(name: string): Token<T> {
  return Symbol(name) as Token<T>;
}

/** The readable name of a token, for messages. */
export function tokenName(token: symbol): string {
  return token.description ?? token.toString();
}
