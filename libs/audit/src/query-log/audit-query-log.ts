import { SqlRunner } from '../persistence/audit-database';

export interface AuditQueryLogEntry {
  askedAt: Date;
  principal: string;
  role: string;
  bodyId: string | null;
  /** The question, e.g. `GET /v1/audit/trails/kpi1-…`. */
  query: string;
  parameters: Record<string, unknown>;
}

/**
 * Audit reads are themselves facts worth keeping: person-level history is special-care
 * personal information under the APPI, so who looked at what is recorded before answering.
 */
export class AuditQueryLog {
  constructor(private readonly database: SqlRunner) {}

  async record(entry: AuditQueryLogEntry): Promise<void> {
    await this.database.query(
      `INSERT INTO audit_query_log (asked_at, principal, role, body_id, query, parameters) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.askedAt,
        entry.principal,
        entry.role,
        entry.bodyId,
        entry.query,
        JSON.stringify(entry.parameters),
      ],
    );
  }

  async recent(limit: number): Promise<AuditQueryLogEntry[]> {
    const rows = await this.database.query<{
      asked_at: Date;
      principal: string;
      role: string;
      body_id: string | null;
      query: string;
      parameters: Record<string, unknown>;
    }>(
      'SELECT asked_at, principal, role, body_id, query, parameters FROM audit_query_log ORDER BY id DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => ({
      askedAt: row.asked_at,
      principal: row.principal,
      role: row.role,
      bodyId: row.body_id,
      query: row.query,
      parameters: row.parameters,
    }));
  }
}
