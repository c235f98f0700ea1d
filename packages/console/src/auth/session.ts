import { problemFrom } from '../api/problem.js';

/**
 * The console's one auth module. People sign in with e-mail and password (`POST /api/auth/sign-in`,
 * an HttpOnly session cookie and a CSRF token sent back as `X-CSRF-Token` on every state-changing
 * request), or with an API key kept for this tab only (sent as `Authorization: Bearer`).
 */

/** A signed-in person as `/api/me` and `/api/auth/sign-in` describe them. */
export interface User {
  id: string;
  name: string;
  email: string;
  roles: string[];
  team?: string;
  language?: string;
  timeZone?: string;
}

/** Who is signed in and what they may do (`GET /api/me`). */
export interface Me {
  user: User | null;
  /** `entity:action` permissions, wildcards allowed (`customer:read`, `deal:*`, `*:*`). */
  permissions: string[];
  /** How the console authenticates its requests. */
  via: 'session' | 'apiKey';
}

const KEY_STORAGE = 'rapport.console.apiKey';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | undefined;

function storedKey(): string | undefined {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The headers that authenticate a request of `method`: the API key, or the session's CSRF token. */
export function authHeaders(method: string): Record<string, string> {
  const key = storedKey();
  if (key) return { authorization: `Bearer ${key}` };
  if (csrfToken && !SAFE_METHODS.has(method.toUpperCase())) return { 'x-csrf-token': csrfToken };
  return {};
}

/** True when the permissions allow `action` on `resource` (wildcards `*` on either side). */
export function permits(permissions: readonly string[], resource: string, action: string): boolean {
  return permissions.some((permission) => {
    const [r, a] = permission.split(':');
    return (r === '*' || r === resource) && (a === '*' || a === action);
  });
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders('POST') },
    body: JSON.stringify(body),
  });
}

/** Signs in with e-mail and password; throws an `ApiError` when refused. */
export async function signIn(email: string, password: string): Promise<void> {
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage can be off; the session cookie does the work then.
  }
  const response = await postJson('/api/auth/sign-in', { email, password });
  if (!response.ok) throw await problemFrom(response);
  const answer = (await response.json()) as { csrfToken?: string };
  csrfToken = answer.csrfToken;
}

/** Uses an API key for this tab (until the tab closes or the person signs out). */
export function rememberApiKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key.trim());
}

/** Ends the session (or forgets the API key). */
export async function signOut(): Promise<void> {
  const hadKey = storedKey() !== undefined;
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Nothing stored.
  }
  if (!hadKey) {
    const response = await fetch('/api/auth/sign-out', {
      method: 'POST',
      credentials: 'same-origin',
      headers: authHeaders('POST'),
    });
    if (!response.ok && response.status !== 401) throw await problemFrom(response);
  }
  csrfToken = undefined;
}

/**
 * Who is signed in, or `null` when nobody is (401). A deployment without `/api/me` (404, an API
 * key on a server without user accounts) gets the permissions its console model shows.
 */
export async function loadMe(): Promise<Me | null> {
  const headers = { accept: 'application/json', ...authHeaders('GET') };
  const response = await fetch('/api/me', { credentials: 'same-origin', headers });
  if (response.status === 401) return null;
  const via = storedKey() ? 'apiKey' : 'session';
  if (response.status === 404 && via === 'apiKey') return permissionsFromModel(headers);
  if (!response.ok) throw await problemFrom(response);
  const answer = (await response.json()) as {
    user?: User | null;
    permissions?: string[];
    csrfToken?: string;
  };
  if (answer.csrfToken) csrfToken = answer.csrfToken;
  return { user: answer.user ?? null, permissions: answer.permissions ?? [], via };
}

async function permissionsFromModel(headers: Record<string, string>): Promise<Me | null> {
  const response = await fetch('/api/console/model', { headers });
  if (response.status === 401) return null;
  if (!response.ok) throw await problemFrom(response);
  const model = (await response.json()) as {
    entities: Array<{ name: string; can: Record<string, boolean> }>;
    metrics: unknown[];
  };
  const permissions = model.entities.flatMap((entity) => [
    `${entity.name}:read`,
    ...Object.entries(entity.can)
      .filter(([, allowed]) => allowed)
      .map(([action]) => `${entity.name}:${action}`),
  ]);
  if (model.metrics.length > 0) permissions.push('metric:read');
  // The model does not say whether the key may read the audit log: one small read does.
  const audit = await fetch('/api/audit?limit=1', { headers });
  if (audit.ok) permissions.push('audit:read');
  return { user: null, permissions, via: 'apiKey' };
}
