import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onUnauthenticated } from '../api/http.js';
import { type ConsoleModel, MODEL_QUERY, useConsoleModel } from '../api/model.js';
import { loadMe, type Me, permits, signOut } from '../auth/session.js';
import { SignInPage } from '../auth/sign-in-page.js';
import {
  chosenLanguage,
  consoleLanguage,
  LANGUAGES,
  type Language,
  localText,
  rememberLanguage,
} from '../i18n/i18n.js';
import { entityLabel } from '../schema/field-label.js';
import { type Session, SessionContext } from './session-context.js';

const ME_KEY = ['me'] as const;

/** The root of the console: the sign-in page for strangers, the signed-in layout for everyone else. */
export function AppShell() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: loadMe, retry: false, staleTime: 5 * 60_000 });
  useEffect(() => onUnauthenticated(() => queries.setQueryData(ME_KEY, null)), [queries]);
  // The model is asked for beside who is signed in, not after: one round trip less before the
  // first page (a stranger's 401 shows the sign-in page, as `/api/me`'s would).
  useEffect(() => void queries.prefetchQuery(MODEL_QUERY), [queries]);
  if (me.isPending)
    return (
      <p className="splash" aria-busy="true">
        {t('app.loading')}
      </p>
    );
  if (me.isError)
    return (
      <p className="splash" role="alert">
        {t('errors.generic', { message: me.error.message })}
      </p>
    );
  if (!me.data) return <SignInPage onSignedIn={() => void queries.resetQueries()} />;
  return <SignedIn me={me.data} />;
}

function localeOf(language: Language): string {
  if (language === 'zh-Hans') return 'zh-Hans-CN';
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return browser.toLowerCase().startsWith('en') ? browser : 'en';
}

function SignedIn({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const model = useConsoleModel();
  const [language, setLanguageState] = useState<Language>(
    () => chosenLanguage() ?? consoleLanguage(me.user?.language),
  );
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  const session = useMemo<Session | undefined>(() => {
    if (!model.data) return undefined;
    const timeZone = me.user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
    return {
      me,
      model: model.data,
      language,
      place: { locale: localeOf(language), timeZone },
      can: (resource, action) => permits(me.permissions, resource, action),
      setLanguage: (next) => {
        rememberLanguage(next);
        setLanguageState(next);
      },
      signOut: async () => {
        await signOut();
        queries.setQueryData(ME_KEY, null);
        queries.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      },
    };
  }, [model.data, me, language, queries]);
  if (model.isError)
    return (
      <p className="splash" role="alert">
        {t('errors.generic', { message: model.error.message })}
      </p>
    );
  if (!session)
    return (
      <p className="splash" aria-busy="true">
        {t('app.loading')}
      </p>
    );
  return (
    <SessionContext.Provider value={session}>
      <Layout session={session} />
    </SessionContext.Provider>
  );
}

function Layout({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    void navigate({ to: '/search', search: { q } });
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <search className="global-search">
          <form onSubmit={search}>
            <label htmlFor="global-search" className="visually-hidden">
              {t('search.label')}
            </label>
            <input id="global-search" name="q" type="search" placeholder={t('search.placeholder')} />
            <button type="submit" className="button">
              {t('search.label')}
            </button>
          </form>
        </search>
        <div className="topbar__end">
          <label htmlFor="language" className="visually-hidden">
            {t('app.language')}
          </label>
          <select
            id="language"
            value={session.language}
            onChange={(event) => session.setLanguage(event.target.value as Language)}
          >
            {LANGUAGES.map((language) => (
              <option key={language.tag} value={language.tag} lang={language.tag}>
                {language.name}
              </option>
            ))}
          </select>
          {session.me.user ? (
            <span className="user">{t('app.signedInAs', { name: session.me.user.name })}</span>
          ) : null}
          <button type="button" className="button button--quiet" onClick={() => void session.signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="sidebar" aria-label={t('app.navigation')}>
          <Menu model={session.model} language={session.language} />
        </nav>
        <main id="main" className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

const FIRST = ['customer', 'contact', 'lead', 'deal'];

function Menu({ model, language }: { model: ConsoleModel; language: string }) {
  const { t } = useTranslation();
  const groups = new Map<string, ConsoleModel['menu']>();
  for (const entry of model.menu) {
    const group = localText(entry.group, language) || t('app.menu');
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const entities = [...model.entities].sort(
    (a, b) =>
      (FIRST.indexOf(a.name) + 1 || 99) - (FIRST.indexOf(b.name) + 1 || 99) ||
      a.plural.localeCompare(b.plural),
  );
  return (
    <>
      <ul className="menu">
        <li>
          <Link to="/" activeOptions={{ exact: true }}>
            {t('app.home')}
          </Link>
        </li>
      </ul>
      {[...groups].map(([group, entries]) => (
        <section key={group} aria-label={group}>
          <h2 className="menu__group">{group}</h2>
          <ul className="menu">
            {entries.map((entry) => {
              const target = entry.target;
              const entity =
                'entity' in target
                  ? model.entities.find((candidate) => candidate.name === target.entity)
                  : undefined;
              return (
                <li key={entry.id}>
                  {'view' in target ? (
                    <Link to="/views/$viewId" params={{ viewId: target.view }}>
                      {localText(entry.title, language)}
                    </Link>
                  ) : entity ? (
                    <Link to="/records/$path" params={{ path: entity.path }}>
                      {localText(entry.title, language)}
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <section aria-label={t('app.records')}>
        <h2 className="menu__group">{t('app.records')}</h2>
        <ul className="menu">
          {entities.map((entity) => (
            <li key={entity.name}>
              <Link to="/records/$path" params={{ path: entity.path }}>
                {entityLabel(entity.plural, language)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
