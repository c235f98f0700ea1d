import { createRootRoute, createRoute, createRouter, type RouterHistory } from '@tanstack/react-router';
import { HomePage } from './home/home-page.js';
import { AppShell } from './layout/app-shell.js';
import { ListPage } from './records/list-page.js';
import { CreateRecordPage, EditRecordPage } from './records/record-form-pages.js';
import { RecordPage } from './records/record-page.js';
import { SearchPage } from './search/search-page.js';
import { ViewPage } from './views/view-page.js';

const root = createRootRoute({ component: AppShell });
const home = createRoute({ getParentRoute: () => root, path: '/', component: HomePage });
const search = createRoute({
  getParentRoute: () => root,
  path: '/search',
  validateSearch: (input: Record<string, unknown>): { q?: string } =>
    typeof input.q === 'string' ? { q: input.q } : typeof input.q === 'number' ? { q: String(input.q) } : {},
  component: SearchPage,
});
const list = createRoute({ getParentRoute: () => root, path: '/records/$path', component: ListPage });
const create = createRoute({
  getParentRoute: () => root,
  path: '/records/$path/new',
  component: CreateRecordPage,
});
const record = createRoute({ getParentRoute: () => root, path: '/records/$path/$id', component: RecordPage });
const edit = createRoute({
  getParentRoute: () => root,
  path: '/records/$path/$id/edit',
  component: EditRecordPage,
});
const view = createRoute({
  getParentRoute: () => root,
  path: '/views/$viewId',
  validateSearch: (input: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value)])),
  component: ViewPage,
});

const routeTree = root.addChildren([home, search, list, create, record, edit, view]);

/** The console's router, at `/console` (or another base in tests, with a memory history). */
export function createConsoleRouter(options: { history?: RouterHistory; basepath?: string } = {}) {
  return createRouter({
    routeTree,
    basepath: options.basepath ?? '/console',
    defaultPreload: false,
    ...(options.history ? { history: options.history } : {}),
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createConsoleRouter>;
  }
}
