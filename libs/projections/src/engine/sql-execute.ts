import { DataSource, QueryRunner } from 'typeorm';

export interface Executed<Row> {
  rows: Row[];
  affected: number;
}

/**
 * Runs one statement and returns its rows and affected-row count alike for every command
 * (TypeORM's plain `query` changes its return shape for UPDATE and DELETE).
 */
export async function execute<Row = Record<string, unknown>>(
  on: QueryRunner | DataSource,
  sql: string,
  parameters: unknown[] = [],
): Promise<Executed<Row>> {
  if (on instanceof DataSource) {
    const runner = on.createQueryRunner();
    try {
      return await execute<Row>(runner, sql, parameters);
    } finally {
      await runner.release();
    }
  }
  const result = await on.query(sql, parameters, true);
  return { rows: (result.records ?? []) as Row[], affected: result.affected ?? 0 };
}

/** A string as an SQL literal, for DDL, which takes no parameters. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
