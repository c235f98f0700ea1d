/**
 * Sign-in with the deployment's OpenID Connect provider, as the sign-in page offers it: whether
 * there is one (`GET /api/auth/methods`), the link that starts it (the server redirects to the
 * provider and back, then to the page the person was on), and the refusal the server sent the
 * browser back with (`?signInError=` and `&reason=`).
 */

/** What `GET /api/auth/methods` answers. */
export interface SignInMethods {
  password: boolean;
  oidc: { name: string; start: string } | null;
}

/** The sign-in methods, or password only when the server does not say (an older server). */
export async function loadSignInMethods(): Promise<SignInMethods> {
  const response = await fetch('/api/auth/methods', { headers: { accept: 'application/json' } });
  if (!response.ok) return { password: true, oidc: null };
  return (await response.json()) as SignInMethods;
}

const ERROR_PARAMS = ['signInError', 'reason'];

/** The path (with its query and hash, less the error parameters) a sign-in should come back to. */
function returnPath(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const query = new URLSearchParams(location.search);
  for (const name of ERROR_PARAMS) query.delete(name);
  const search = query.toString();
  return `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
}

/** The link that starts a provider sign-in and comes back to where the person is. */
export function providerStartHref(
  start: string,
  location: Pick<Location, 'pathname' | 'search' | 'hash'>,
): string {
  return `${start}?${new URLSearchParams({ returnTo: returnPath(location) })}`;
}

/** The message key (under `signIn.`) of the refusal a provider sign-in came back with, if any. */
export function providerRefusal(search: string): string | undefined {
  const query = new URLSearchParams(search);
  const code = query.get('signInError');
  if (code === null) return undefined;
  if (code !== 'SIGN_IN_REFUSED') return 'providerFailed';
  const reasons: Record<string, string> = {
    'no-account': 'refusedNoAccount',
    'email-unverified': 'refusedUnverified',
    inactive: 'refusedInactive',
    'no-email': 'refusedNoEmail',
  };
  return reasons[query.get('reason') ?? ''] ?? 'providerFailed';
}

/** Takes the refusal parameters off the address bar, so a reload does not show the refusal again. */
export function forgetRefusal(): void {
  const url = new URL(window.location.href);
  if (!ERROR_PARAMS.some((name) => url.searchParams.has(name))) return;
  for (const name of ERROR_PARAMS) url.searchParams.delete(name);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
