import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authHeaders, type User } from '../auth/session.js';
import { useSession } from '../layout/session-context.js';

/**
 * Host API version 1: what a plugin's custom element finds in its `rapport` property. It is set
 * before the element is attached, and replaced (never mutated) when the language changes.
 */
export interface HostApiV1 {
  version: 1;
  /** The signed-in person (null for an API key that belongs to no user). */
  user: User | null;
  /** BCP 47 language of the console (`en`, `zh-Hans`) and the person's IANA time zone. */
  locale: string;
  timeZone: string;
  /** The record of the detail page the element sits on, if it is a panel. */
  record?: { entity: string; id: string };
  /** `fetch` to this deployment's API with the console's credentials (and CSRF token on writes). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** The URL of a plugin's console asset: `/console/plugins/<plugin>/<module>`. */
export function assetUrl(viewId: string, module: string): string {
  const plugin = viewId.split('.')[0] as string;
  return `/console/plugins/${encodeURIComponent(plugin)}/${module}`;
}

/** Loads a plugin's module (which defines the element) and shows the element with the host API. */
export function CustomElementHost({
  viewId,
  element,
  module,
  record,
}: {
  viewId: string;
  element: string;
  module?: string;
  record?: { entity: string; id: string };
}) {
  const { t } = useTranslation();
  const { me, place } = useSession();
  const holder = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    const host: HostApiV1 = {
      version: 1,
      user: me.user,
      locale: place.locale,
      timeZone: place.timeZone,
      ...(record ? { record } : {}),
      fetch: (path, init = {}) => {
        const method = init.method ?? 'GET';
        const headers = new Headers(init.headers);
        for (const [name, value] of Object.entries(authHeaders(method))) headers.set(name, value);
        return fetch(path, { ...init, headers, credentials: 'same-origin' });
      },
    };
    const mount = async () => {
      if (module && !customElements.get(element)) await import(/* @vite-ignore */ assetUrl(viewId, module));
      if (cancelled || !holder.current) return;
      const node = document.createElement(element) as HTMLElement & { rapport?: HostApiV1 };
      node.rapport = host;
      holder.current.replaceChildren(node);
    };
    mount().catch((cause: unknown) => setError(String(cause)));
    return () => {
      cancelled = true;
    };
  }, [viewId, element, module, record, me.user, place]);
  return (
    <div ref={holder} className="custom-view">
      {error ? <p role="alert">{t('errors.generic', { message: error })}</p> : null}
    </div>
  );
}
