import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { type CommandContext, collect, remoteClient } from './context.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

interface ApiOptions {
  data?: string;
  header?: string[];
  url?: string;
  key?: string;
}

/** `Name: value` → `[name, value]`; a usage error naming the header otherwise. */
function headerOf(text: string): [string, string] {
  const at = text.indexOf(':');
  if (at <= 0) throw new UsageError(`--header ${JSON.stringify(text)} is not 'Name: value'`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

/**
 * `rapport api <method> <path> [--data json] [--header 'Name: value']`: one call to a running
 * server's API with the key from `--key` / `RAPPORT_KEY` (or `RAPPORT_ADMIN_KEY`), printing the
 * JSON answer; a refusal prints the server's problem and exits 1. For the routes no other command
 * covers (a webhook subscription, a plugin's action).
 */
export function registerApi(program: Command, context: CommandContext): void {
  program
    .command('api')
    .description(
      'Call the API of a running server and print the JSON answer (e.g. rapport api GET /api/deals)',
    )
    .argument('<method>', `HTTP method: ${METHODS.join(', ')}`)
    .argument('<path>', 'path under the server, e.g. /api/webhooks/subscriptions')
    .option('-d, --data <json>', 'JSON request body')
    .option(
      '-H, --header <header>',
      "extra header, 'Name: value' (repeatable), e.g. 'Idempotency-Key: k1'",
      collect,
    )
    .option('--url <url>', 'the server (default: RAPPORT_URL)')
    .option('--key <key>', 'API key (default: RAPPORT_KEY, RAPPORT_ADMIN_KEY)')
    .action(async (method: string, path: string, options: ApiOptions) => {
      const verb = method.toUpperCase();
      if (!(METHODS as readonly string[]).includes(verb)) {
        throw new UsageError(`<method> must be one of ${METHODS.join(', ')} (got ${JSON.stringify(method)})`);
      }
      let body: unknown;
      if (options.data !== undefined) {
        try {
          body = JSON.parse(options.data);
        } catch (cause) {
          throw new UsageError(`--data is not JSON: ${(cause as Error).message}`);
        }
      }
      const client = remoteClient(context, options.url, options.key, {
        flag: '--key',
        env: ['RAPPORT_KEY', 'RAPPORT_ADMIN_KEY'],
      });
      if (!client) throw new UsageError('rapport api needs a server: pass --url or set RAPPORT_URL');
      const headers = Object.fromEntries((options.header ?? []).map(headerOf));
      const answer = await client.request<unknown>(verb, path, {
        ...(body === undefined ? {} : { body }),
        headers,
      });
      context.io.stdout.write(`${answer.body === undefined ? '' : JSON.stringify(answer.body, null, 2)}\n`);
    });
}
