/**
 * The routes whose answers hold secrets: generated passwords, new API keys, session CSRF tokens.
 * `Idempotency-Key` does not apply to them (nor is it documented there), because keeping an
 * answer for replays would store the secret in plain; a retried create answers 409 instead.
 */
export const SECRET_ANSWER_ROUTES: readonly string[] = Object.freeze([
  '/api/auth',
  '/api/me',
  '/api/users',
  '/api/api-keys',
]);

/** Whether a path (`/api/users/{id}/password`, or a request path) is one of {@link SECRET_ANSWER_ROUTES}. */
export function answersSecrets(path: string): boolean {
  return SECRET_ANSWER_ROUTES.some((route) => path === route || path.startsWith(`${route}/`));
}
