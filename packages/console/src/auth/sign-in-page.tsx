import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem.js';
import { forgetRefusal, loadSignInMethods, providerRefusal, providerStartHref } from './provider-sign-in.js';
import { rememberApiKey, signIn } from './session.js';

/**
 * The sign-in page: "Sign in with <provider>" when the server has an OpenID Connect provider,
 * e-mail and password, or an API key for this tab. A provider sign-in the server refused comes
 * back here with the reason, which the page shows once.
 */
export function SignInPage({ onSignedIn }: { onSignedIn(): void }) {
  const { t } = useTranslation();
  const [withKey, setWithKey] = useState(false);
  const [refusal] = useState(() => providerRefusal(window.location.search));
  const [error, setError] = useState<string | undefined>(refusal ? t(`signIn.${refusal}`) : undefined);
  const [busy, setBusy] = useState(false);
  const methods = useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: loadSignInMethods,
    staleTime: Infinity,
  });
  const provider = methods.data?.oidc;
  useEffect(forgetRefusal, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      if (withKey) {
        rememberApiKey(String(data.get('apiKey') ?? ''));
      } else {
        await signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
      }
      onSignedIn();
    } catch (cause) {
      const refused = cause instanceof ApiError && (cause.status === 401 || cause.status === 400);
      setError(refused ? t('signIn.refused') : cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p className="brand">{t('app.name')}</p>
      {error ? (
        <p className="alert alert--error" role="alert" id="sign-in-error">
          {error}
        </p>
      ) : null}
      {provider ? (
        <div className="sign-in__provider">
          <a className="button button--primary" href={providerStartHref(provider.start, window.location)}>
            {t('signIn.withProvider', { name: provider.name })}
          </a>
          <p className="sign-in__or">{t('signIn.or')}</p>
        </div>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate={false}>
        {withKey ? (
          <div className="field">
            <label htmlFor="apiKey">{t('signIn.apiKey')}</label>
            <input
              id="apiKey"
              name="apiKey"
              type="password"
              autoComplete="off"
              required
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="email">{t('signIn.email')}</label>
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="username"
                required
                aria-describedby={error ? 'sign-in-error' : undefined}
              />
            </div>
            <div className="field">
              <label htmlFor="password">{t('signIn.password')}</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required />
            </div>
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {withKey ? t('signIn.keySubmit') : t('signIn.submit')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setWithKey(!withKey)}>
            {withKey ? t('signIn.submit') : t('signIn.withKey')}
          </button>
        </div>
      </form>
    </main>
  );
}
