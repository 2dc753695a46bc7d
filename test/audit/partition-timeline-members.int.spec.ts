import { DataSource } from 'typeorm';
import { AUDIT_MIGRATIONS } from '../../libs/audit/src/persistence/audit-migrations';
import { PartitionTimelineMembers1764400000005 } from '../../libs/audit/src/migrations/1764400000005-partition-timeline-members.migration';
import {
  createTestDatabase,
  describeWithPostgres,
  TestDatabase,
} from '../support/postgres-test-database';

const MEMBER_ROWS = `SELECT projection_version, metric_id, fiscal_year, member, refcount
                       FROM audit_timeline_members ORDER BY projection_version, member`;

describeWithPostgres('migration: audit_timeline_members partitioned by build', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: AUDIT_MIGRATIONS.filter(
        (migration) => migration !== PartitionTimelineMembers1764400000005,
      ),
      migrationsTableName: 'migrations',
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('keeps the members of builds made before it, and a new build gets a partition of its own', async () => {
    await dataSource.query(
      `INSERT INTO audit_timeline_members VALUES
         ('2.aaaa', 'kpi1', 2023, '"p-1"', 1), ('2.aaaa', 'kpi1', 2023, '"p-2"', 0),
         ('2.bbbb', 'kpi1', 2023, '"p-1"', 2)`,
    );
    const before = await dataSource.query(MEMBER_ROWS);
    const runner = dataSource.createQueryRunner();
    try {
      await new PartitionTimelineMembers1764400000005().up(runner);
      expect(await dataSource.query(MEMBER_ROWS)).toEqual(before);
      expect(
        await dataSource.query(
          `SELECT relname FROM pg_class WHERE relispartition AND relname LIKE 'audit_timeline_members%'`,
        ),
      ).toEqual([{ relname: 'audit_timeline_members_legacy' }]);

      await dataSource.query(
        `CREATE TABLE audit_timeline_members_3_cccc PARTITION OF audit_timeline_members FOR VALUES IN ('3.cccc')`,
      );
      await dataSource.query(
        `INSERT INTO audit_timeline_members VALUES ('3.cccc', 'kpi1', 2023, '"p-9"', 1)`,
      );
      await dataSource.query(
        `DELETE FROM audit_timeline_members WHERE projection_version = '2.bbbb'`,
      );
      const after = await dataSource.query(MEMBER_ROWS);
      expect(after.map((row: { projection_version: string }) => row.projection_version)).toEqual([
        '2.aaaa',
        '2.aaaa',
        '3.cccc',
      ]);

      await new PartitionTimelineMembers1764400000005().down(runner);
      expect(await dataSource.query(MEMBER_ROWS)).toEqual(after);
      await expect(
        dataSource.query(
          `INSERT INTO audit_timeline_members VALUES ('2.aaaa', 'kpi1', 2023, '"p-1"', 5)`,
        ),
      ).rejects.toThrow(/duplicate key/);
    } finally {
      await runner.release();
    }
  });
});
