import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeWhenListening, findStartupFailures, freePort, guestToken, isListeningSync, RunningBackend, startBackend } from '@meshport/test-harness';

jest.setTimeout(420_000);

const postgres = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const redisUrl = 'redis://127.0.0.1:6379';
const redisThere = isListeningSync('127.0.0.1', 6379);
const describeWithPostgres = describeWhenListening('PostgreSQL', postgres.host, postgres.port);

async function withPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...postgres, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describeWithPostgres('two portal backends on app-config.production.yaml (PostgreSQL, Redis cache)', () => {
  const prefix = `meshport_test_${randomBytes(4).toString('hex')}_`;
  const replicas: RunningBackend[] = [];

  beforeAll(async () => {
    const env = {
      POSTGRES_HOST: postgres.host,
      POSTGRES_PORT: String(postgres.port),
      POSTGRES_USER: postgres.user,
      POSTGRES_PASSWORD: '',
      POSTGRES_DATABASE_PREFIX: prefix,
      REDIS_URL: redisUrl,
      // Without Redis here the replicas still share PostgreSQL; the cache falls back to memory.
      ...(redisThere ? {} : { APP_CONFIG_backend_cache: JSON.stringify({ store: 'memory' }) }),
    };
    if (!redisThere) console.warn(`Redis is not listening on ${redisUrl}: the cache runs in memory for this suite.`);
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      replicas.push(await startBackend({ port, configs: ['app-config.yaml', 'app-config.production.yaml'], env }));
    }
  });

  afterAll(async () => {
    await Promise.all(replicas.map(replica => replica.stop()));
    await withPostgres(async client => {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  });

  it('starts both replicas with no plugin start-up failure', () => {
    expect(replicas).toHaveLength(2);
    for (const replica of replicas) expect(findStartupFailures(replica.process.output())).toEqual([]);
  });

  it('keeps each plugin database in PostgreSQL under the configured prefix', async () => {
    const names = await withPostgres(async client => {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
      return rows.map(row => row.datname as string);
    });
    expect(names).toEqual(expect.arrayContaining([`${prefix}catalog`, `${prefix}scaffolder`, `${prefix}auth`]));
  });

  it('shares state: a setting written through one replica is read back through the other', async () => {
    const [first, second] = replicas;
    const key = `replica-check-${randomBytes(3).toString('hex')}`;
    const settingUrl = (baseUrl: string) => `${baseUrl}/api/user-settings/buckets/meshport/keys/${key}`;
    const written = await fetch(settingUrl(first.baseUrl), {
      method: 'PUT',
      headers: { authorization: `Bearer ${await guestToken(first.baseUrl)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: { writtenBy: first.baseUrl } }),
    });
    expect(written.status).toBe(200);
    const read = await fetch(settingUrl(second.baseUrl), {
      headers: { authorization: `Bearer ${await guestToken(second.baseUrl)}` },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ bucket: 'meshport', key, value: { writtenBy: first.baseUrl } });
  });
});
