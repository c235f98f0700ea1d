import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Kernel, ValidationError } from '@rapport/core';
import type { Hono } from 'hono';
import type { RapportEnv } from './http/env.js';
import { type HeapWatchOptions, heapOptionProblems, watchHeap } from './http/heap-watch.js';

/** A running HTTP server. */
export interface RunningServer {
  /** `http://host:port`. */
  url: string;
  port: number;
  /** Stops taking connections, lets running requests finish (up to the grace time), then stops the kernel. */
  stop(): Promise<void>;
}

/** Options of {@link serveRapport}. */
export interface ServeOptions {
  /** 0 picks a free port. Default 3000. */
  port?: number;
  /** Default 127.0.0.1; use 0.0.0.0 to listen on every interface. */
  hostname?: string;
  /** How long running requests may take to finish on stop (default 10 s). */
  shutdownGraceMs?: number;
  /**
   * The heap watch: the log warns once the heap nears its limit (default: from 80% of it,
   * checked every 30 s), pointing to `rapport migrate` when the store is lowdb. `false` turns it off.
   */
  heap?: HeapWatchOptions | false;
}

/**
 * Serves a Rapport app on Node with graceful shutdown: on `stop()` the server stops accepting,
 * waits for in-flight requests, closes idle keep-alive connections, then stops the kernel
 * (which drains event delivery and closes the store). While it runs, it logs a warning when the
 * heap nears its limit.
 */
export async function serveRapport(
  kernel: Kernel,
  app: Hono<RapportEnv>,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const problems = heapOptionProblems(options.heap);
  if (problems.length > 0) {
    throw new ValidationError(
      `serveRapport: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  const hostname = options.hostname ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname }, () =>
      resolve(instance),
    );
    instance.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const stopWatch = options.heap === false ? () => undefined : watchHeap(kernel, options.heap);
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${port}`,
    port,
    stop() {
      stopping ??= (async () => {
        stopWatch();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        const grace = new Promise<void>((resolve) =>
          setTimeout(resolve, options.shutdownGraceMs ?? 10_000).unref(),
        );
        await Promise.race([closed, grace]);
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        await kernel.stop();
      })();
      return stopping;
    },
  };
}
