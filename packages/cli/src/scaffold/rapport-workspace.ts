import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The root of the Rapport repository that holds `dir` (a `pnpm-workspace.yaml` beside
 * `packages/core`, the `@rapport/core` package), or `undefined` outside it. `dir` need not exist.
 */
export function rapportWorkspaceRoot(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'pnpm-workspace.yaml'))) {
      const core = join(at, 'packages', 'core', 'package.json');
      if (!existsSync(core)) return undefined;
      return (JSON.parse(readFileSync(core, 'utf8')) as { name?: string }).name === '@rapport/core'
        ? at
        : undefined;
    }
    if (dirname(at) === at) return undefined;
  }
}
