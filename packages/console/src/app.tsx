import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from './api/problem.js';
import type { createConsoleRouter } from './router.js';

/** A query client that does not retry refusals (4xx): only failures that may pass. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** The console with its router, query client and translations. */
export function ConsoleApp({
  router,
  queries,
  i18n,
}: {
  router: ReturnType<typeof createConsoleRouter>;
  queries: QueryClient;
  i18n: i18n;
}) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queries}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
