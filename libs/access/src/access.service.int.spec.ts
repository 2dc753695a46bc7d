import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../../../test/support/postgres-test-database';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from './access-persistence';
import { AccessError } from './access.errors';
import { AccessService } from './access.service';

describeWithPostgres('AccessService on PostgreSQL', () => {
  const now = new Date('2024-04-01T00:00:00.000Z');
  let database: TestDatabase;
  let dataSource: DataSource;
  let access: AccessService;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      entities: ACCESS_ENTITIES,
      migrations: ACCESS_MIGRATIONS,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    access = new AccessService(dataSource, () => now);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('authenticates a created key as its principal, role and body', async () => {
    const created = await access.createKey({
      role: 'recorder',
      bodyId: 'peer-support-center',
      name: 'peer-desk',
    });

    expect(await access.authenticate(created.key)).toEqual({
      keyId: created.keyId,
      principal: 'peer-desk',
      role: 'recorder',
      bodyId: 'peer-support-center',
    });
  });

  it('stores only the hash of the secret', async () => {
    const created = await access.createKey({ role: 'analyst' });
    const rows: { secret_hash: Buffer }[] = await dataSource.query(
      `SELECT secret_hash FROM api_keys WHERE id = $1`,
      [created.keyId],
    );
    const secret = created.key.slice(`kl_${created.keyId}_`.length);

    expect(rows[0].secret_hash.length).toBe(32);
    expect(rows[0].secret_hash.toString('utf8')).not.toContain(secret);
    expect(JSON.stringify(await dataSource.query(`SELECT * FROM api_keys`))).not.toContain(secret);
  });

  it('names keys without a name after their role and id', async () => {
    const created = await access.createKey({ role: 'auditor' });

    expect(created.principal).toBe(`auditor-${created.keyId}`);
    expect(created.bodyId).toBeNull();
  });

  it('refuses a wrong secret, an unknown id and a malformed key', async () => {
    const created = await access.createKey({ role: 'analyst' });
    const wrongSecret = created.key.slice(0, -1) + (created.key.endsWith('A') ? 'B' : 'A');

    expect(await access.authenticate(wrongSecret)).toBeNull();
    expect(await access.authenticate(`kl_ffffffffffffffff_${'a'.repeat(43)}`)).toBeNull();
    expect(await access.authenticate('Bearer nonsense')).toBeNull();
  });

  it('refuses a revoked key and keeps the first revocation time', async () => {
    const created = await access.createKey({ role: 'admin' });
    const revoked = await access.revokeKey(created.keyId);
    const again = await new AccessService(
      dataSource,
      () => new Date('2030-01-01T00:00:00Z'),
    ).revokeKey(created.keyId);

    expect(revoked.revokedAt).toEqual(now);
    expect(again.revokedAt).toEqual(now);
    expect(await access.authenticate(created.key)).toBeNull();
  });

  it('requires a body for recorder keys and a known role', async () => {
    await expect(access.createKey({ role: 'recorder' })).rejects.toEqual(
      new AccessError('body-required', 'a recorder key must name the body it records for'),
    );
    await expect(access.createKey({ role: 'superuser' })).rejects.toMatchObject({
      code: 'invalid-role',
    });
    await expect(access.revokeKey('0000000000000000')).rejects.toMatchObject({
      code: 'unknown-key',
    });
  });

  it('lists keys without their hashes', async () => {
    const listed = await access.listKeys();

    expect(listed.length).toBe(5);
    expect(new Set(listed.flatMap((key) => Object.keys(key)))).toEqual(
      new Set(['keyId', 'principal', 'role', 'bodyId', 'createdAt', 'revokedAt']),
    );
    expect(listed.map((key) => key.role).sort()).toEqual([
      'admin',
      'analyst',
      'analyst',
      'auditor',
      'recorder',
    ]);
  });
});
