import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/**
 * The URL of a real service started by tools/scripts/with-services.sh (`npm test` runs under
 * it). Missing means the service is not installed: the test fails and names the package.
 */
export function requireService(variable: 'TEST_REDIS_URL' | 'TEST_DATABASE_URL'): string {
  const url = process.env[variable];
  if (!url) {
    const pkg = variable === 'TEST_REDIS_URL' ? 'redis-server' : 'postgresql';
    throw new Error(
      `${variable} is not set: this test needs a real ${pkg === 'redis-server' ? 'Redis' : 'PostgreSQL'} server. ` +
        `Install the Debian package ${pkg} (apt-get install -y ${pkg}) and run the test under ` +
        'tools/scripts/with-services.sh (npm test does).',
    );
  }
  return url;
}

/** A fresh, empty PostgreSQL database on the test server; drop it with the returned function. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = requireService('TEST_DATABASE_URL');
  const name = `g2a_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * The test Redis with a database index of its own (1–15), emptied first. Indexes are handed out
 * in turn (a counter in database 0), so specs running at the same time never share or empty
 * each other's database (a random pick did, one time in fifteen).
 */
export async function freshRedisUrl(): Promise<string> {
  const server = new URL(requireService('TEST_REDIS_URL'));
  const counter = new Redis(server.toString());
  const turn = await counter.incr('g2a-test:next-database');
  counter.disconnect();
  server.pathname = `/${1 + (turn % 15)}`;
  const client = new Redis(server.toString());
  await client.flushdb();
  client.disconnect();
  return server.toString();
}
