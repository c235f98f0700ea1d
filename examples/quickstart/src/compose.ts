import { createKernel, type DataStore, type Kernel, type Logger } from '@rapport/core';
import { hello, people } from '@rapport/example-hello-plugin';

/** The quickstart composition: every first-party plugin that exists so far. */
export function composeQuickstart(store: DataStore, logger?: Logger): Promise<Kernel> {
  return createKernel({
    store,
    plugins: [people(), hello({ blockedNames: ['Mallory'] })],
    ...(logger ? { logger } : {}),
  });
}
