import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster in a temp folder. */
export interface Cluster {
  url: string;
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'set DATABASE_URL=postgres://user:password@host:port/database, or install PostgreSQL so a throwaway ' +
  'cluster can be started (Debian/Ubuntu: apt-get install -y postgresql; macOS: brew install postgresql)';

async function exists(path: string): Promise<boolean> {
  try {
    await readdir(path);
    return true;
  } catch {
    return false;
  }
}

/** The folder holding initdb/pg_ctl: POSTGRES_BIN_DIR, the newest /usr/lib/postgresql/<v>/bin, or pg_config's. */
export async function findPostgresBin(): Promise<string | undefined> {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BIN_DIR) candidates.push(process.env.POSTGRES_BIN_DIR);
  try {
    const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // not Debian's layout
  }
  try {
    candidates.push((await run('pg_config', ['--bindir'])).stdout.trim());
  } catch {
    // no pg_config on PATH
  }
  for (const dir of candidates) {
    const files = (await exists(dir)) ? await readdir(dir) : [];
    if (files.includes('initdb') && files.includes('pg_ctl')) return dir;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway cluster: initdb into a temp folder (trust auth, UTF8, C locale), then
 * pg_ctl on a free port of 127.0.0.1 with fsync off. PostgreSQL refuses to run as root, so as
 * root every command runs as the `postgres` user through runuser.
 */
export async function startCluster(bin: string): Promise<Cluster> {
  const root = process.getuid?.() === 0;
  let uid = -1;
  let gid = -1;
  if (root) {
    try {
      uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
      gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    } catch {
      throw new Error(
        `running as root but there is no 'postgres' user to run PostgreSQL as; ${INSTALL_HINT}`,
      );
    }
  }
  const as = async (command: string, args: string[]) =>
    root
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  const dir = await mkdtemp(join(tmpdir(), 'rapport-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sock');
  await mkdir(data, { mode: 0o700 });
  await mkdir(sockets);
  if (root) for (const path of [dir, data, sockets]) await chown(path, uid, gid);
  const port = await freePort();
  try {
    await as('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const settings = [
      `-p ${port}`,
      `-k ${sockets}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ');
    await as('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      settings,
      'start',
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `could not start a throwaway PostgreSQL cluster with ${bin}: ${(error as Error).message}`,
    );
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The message for a machine with neither DATABASE_URL nor PostgreSQL binaries (tests fail with it, never skip). */
export function noServerMessage(): string {
  return `these tests need a PostgreSQL server and none was found: ${INSTALL_HINT}`;
}
