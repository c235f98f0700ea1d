import { RapportError } from '@rapport/core';
import { createServer, type RunningServer, serveRapport } from '@rapport/server';
import type { Command } from 'commander';
import { writeLine } from '../io.js';
import { ensureAdminKey } from '../runtime/admin-key.js';
import { ensureAdminUser } from '../runtime/admin-user.js';
import { bootKernel } from '../runtime/boot-kernel.js';
import { createCliLogger } from '../runtime/logger.js';
import { waitForStop } from '../runtime/stop-signal.js';
import {
  type CommandContext,
  type ConfigOptions,
  integerOption,
  loadCommandConfig,
  withConfigOptions,
} from './context.js';

interface ServeOptions extends ConfigOptions {
  port?: number;
  host?: string;
}

function portFrom(env: Record<string, string | undefined>): number | undefined {
  const text = env.PORT?.trim();
  if (!text) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new RapportError(
      'CONFIG_INVALID',
      `PORT=${JSON.stringify(env.PORT)} is not a port number (0 to 65535)`,
    );
  }
  return port;
}

/**
 * `rapport serve`: boots the config's kernel, serves the HTTP API, and on SIGINT/SIGTERM stops
 * taking connections, drains running requests, stops the kernel (closing the store) and exits 0.
 */
export function registerServe(program: Command, context: CommandContext): void {
  withConfigOptions(
    program
      .command('serve')
      .description('run the HTTP API of the deployment in rapport.config.ts')
      .option(
        '-p, --port <port>',
        'port to listen on; 0 picks a free one (default: PORT, config, 3000)',
        integerOption(0, 65_535),
      )
      .option('--host <host>', 'address to listen on (default: HOST, config, 127.0.0.1)'),
  ).action(async (options: ServeOptions) => {
    const { io } = context;
    const { config, path } = await loadCommandConfig(context, options);
    const logger = createCliLogger(config, { destination: io.stderr, env: io.env, defaultLevel: 'info' });
    const { port: configPort, hostname: configHost, shutdownGraceMs, ...serverOptions } = config.server ?? {};
    const port = options.port ?? portFrom(io.env) ?? configPort ?? 3000;
    const hostname = options.host ?? (io.env.HOST?.trim() || undefined) ?? configHost ?? '127.0.0.1';
    const kernel = await bootKernel(config, { logger });
    let server: RunningServer;
    try {
      const admin = await ensureAdminKey(kernel, io.env, logger);
      if (admin.kind === 'created') {
        writeLine(io.stdout, 'Created an admin API key. It is shown this once; keep it in a secret store:');
        writeLine(io.stdout, `  ${admin.key}`);
        writeLine(
          io.stdout,
          'Send it as "Authorization: Bearer <key>". Set RAPPORT_ADMIN_KEY before the first start to choose it.',
        );
      }
      const user = await ensureAdminUser(kernel, io.env, logger);
      if (user.kind === 'created') {
        writeLine(io.stdout, 'Created an admin user. The password is shown this once; sign in with:');
        writeLine(io.stdout, `  e-mail:   ${user.email}`);
        writeLine(io.stdout, `  password: ${user.password}`);
        writeLine(
          io.stdout,
          'Set RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD before the first start to choose them.',
        );
      } else if (user.kind === 'adopted') {
        writeLine(
          io.stdout,
          `Created an admin user ${user.email} with the password of RAPPORT_ADMIN_PASSWORD.`,
        );
      }
      const metricsToken = io.env.RAPPORT_METRICS_TOKEN?.trim();
      const metrics = serverOptions.metrics ?? (metricsToken ? { token: metricsToken } : {});
      server = await serveRapport(kernel, createServer(kernel, { ...serverOptions, metrics }), {
        port,
        hostname,
        ...(shutdownGraceMs === undefined ? {} : { shutdownGraceMs }),
      });
    } catch (error) {
      await kernel.stop().catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new RapportError(
          'LISTEN_FAILED',
          `cannot listen on ${hostname}:${port} (${code}): pick another with --port/PORT or --host/HOST`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
    const stop = waitForStop(io.signal);
    try {
      writeLine(io.stdout, `Rapport listening on ${server.url} (docs at /docs)`);
      logger.info({ url: server.url, config: path, store: kernel.store.name }, 'rapport serving');
      const reason = await stop.first;
      logger.info({ reason }, 'shutting down: draining requests');
      const outcome = await Promise.race([
        server.stop().then(() => 'stopped' as const),
        stop.second.then(() => 'forced' as const),
      ]);
      if (outcome === 'forced') {
        logger.warn('second signal: exiting without waiting for requests to finish');
        context.exitCode = 1;
        return;
      }
      logger.info('stopped');
    } finally {
      stop.dispose();
    }
  });
}
