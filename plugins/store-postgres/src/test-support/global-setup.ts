import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Cluster, findPostgresBin, noServerMessage, startCluster } from '../testing/cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The database every test file of store-postgres uses (each test in its own PG schema). */
    postgresUrl: string;
  }
}

let cluster: Cluster | undefined;

/**
 * Finds the server the tests run against: DATABASE_URL when set, else a throwaway cluster
 * from local PostgreSQL binaries. With neither it throws, in CI and locally alike: the
 * PostgreSQL suite fails, it never skips. Prints one line naming the server version and
 * address, so the test log shows where the suite ran.
 */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.DATABASE_URL;
  let origin = 'DATABASE_URL';
  if (!url) {
    const bin = await findPostgresBin();
    if (!bin) throw new Error(noServerMessage());
    cluster = await startCluster(bin);
    url = cluster.url;
    origin = `a throwaway cluster from ${bin}`;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const { host, port } = client;
    console.log(
      `store-postgres tests against PostgreSQL ${rows[0]?.server_version} at ${host}:${port} (${origin})`,
    );
  } catch (error) {
    await cluster?.stop();
    throw new Error(
      `cannot reach the PostgreSQL server for the tests (${origin}): ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  project.provide('postgresUrl', url);
}

/** Stops the throwaway cluster, if one was started. */
export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = undefined;
}
