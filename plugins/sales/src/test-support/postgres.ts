import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chown, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL database for one test file: its URL, and how to let go of it. */
export interface TestDatabase {
  url: string;
  /** Where it came from, for the log. */
  origin: string;
  /** A fresh PG schema name (`rapport_sales_<random>`). */
  schema(): string;
  dropSchema(schema: string): Promise<void>;
  stop(): Promise<void>;
}

const HINT =
  'set DATABASE_URL=postgres://user:password@host:port/database, or install PostgreSQL so a throwaway cluster can be started (Debian/Ubuntu: apt-get install -y postgresql)';

async function postgresBin(): Promise<string | undefined> {
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
    // no pg_config
  }
  for (const dir of candidates) {
    try {
      const files = await readdir(dir);
      if (files.includes('initdb') && files.includes('pg_ctl')) return dir;
    } catch {
      // missing folder
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a throwaway cluster in a temp folder (as the `postgres` user when running as root). */
async function startCluster(bin: string): Promise<{ url: string; stop(): Promise<void> }> {
  const root = process.getuid?.() === 0;
  const ids = root
    ? {
        uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
        gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
      }
    : undefined;
  const as = (command: string, args: string[]) =>
    ids
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  const dir = await mkdtemp(join(tmpdir(), 'rapport-sales-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sock');
  await mkdir(data, { mode: 0o700 });
  await mkdir(sockets);
  if (ids) for (const path of [dir, data, sockets]) await chown(path, ids.uid, ids.gid);
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
    const settings = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
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

/**
 * The PostgreSQL server the sales tests on PostgreSQL use: `DATABASE_URL` when set (CI sets it
 * through `.ci/postgres`), else a throwaway cluster from local binaries. With neither it
 * throws — the PostgreSQL run fails, it never skips silently (the store-postgres policy).
 */
export async function testDatabase(): Promise<TestDatabase> {
  let url = process.env.DATABASE_URL;
  let origin = 'DATABASE_URL';
  let stopCluster: (() => Promise<void>) | undefined;
  if (!url) {
    const bin = await postgresBin();
    if (!bin) throw new Error(`the sales reports on PostgreSQL need a server and none was found: ${HINT}`);
    const cluster = await startCluster(bin);
    url = cluster.url;
    stopCluster = cluster.stop;
    origin = `a throwaway cluster from ${bin}`;
  }
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    origin,
    schema: () => `rapport_sales_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    dropSchema: async (schema) => {
      await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    },
    stop: async () => {
      await admin.end();
      await stopCluster?.();
    },
  };
}
