import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { ConsoleModel } from '../api/model.js';
import { ConsoleApp, createQueryClient } from '../app.js';
import { permits } from '../auth/session.js';
import { createI18n, type Language } from '../i18n/i18n.js';
import { type Session, SessionContext } from '../layout/session-context.js';
import { createConsoleRouter } from '../router.js';

/** A signed-in session over `model` with `permissions` (all by default). */
export function testSession(
  model: ConsoleModel,
  permissions: string[] = ['*:*'],
  language: Language = 'en',
): Session {
  return {
    me: {
      user: { id: 'u1', name: 'Ada', email: 'ada@example.com', roles: ['admin'] },
      permissions,
      via: 'session',
    },
    model,
    language,
    place: { locale: language === 'en' ? 'en-GB' : 'zh-Hans-CN', timeZone: 'UTC' },
    can: (resource, action) => permits(permissions, resource, action),
    setLanguage: () => undefined,
    signOut: async () => undefined,
  };
}

/** Renders `ui` with translations, a query client and a session (no router). */
export function renderWithSession(ui: ReactNode, session: Session) {
  const queries = createQueryClient();
  return render(
    <I18nextProvider i18n={createI18n(session.language)}>
      <QueryClientProvider client={queries}>
        <SessionContext.Provider value={session}>{ui}</SessionContext.Provider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

/** Renders the whole console at `path` (under `/console`), against whatever `fetch` answers. */
export function renderConsole(path: string, language: Language = 'en') {
  const router = createConsoleRouter({
    history: createMemoryHistory({ initialEntries: [`/console${path}`] }),
  });
  const view = render(
    <ConsoleApp router={router} queries={createQueryClient()} i18n={createI18n(language)} />,
  );
  return { ...view, router };
}
