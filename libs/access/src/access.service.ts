import { DataSource, Repository } from 'typeorm';
import { AccessError } from './access.errors';
import { ApiKey } from './api-key.entity';
import { issueSecret, parseKey, secretMatches } from './api-key-secret';
import { isRole, Role } from './role';

/** Who a request acts as, once its key is verified. */
export interface AuthenticatedPrincipal {
  keyId: string;
  principal: string;
  role: Role;
  bodyId: string | null;
}

/** A key as shown to administrators: everything but the hash. */
export interface ApiKeyView extends AuthenticatedPrincipal {
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CreateKeyRequest {
  role: string;
  bodyId?: string;
  /** Recorded as the principal in event metadata; defaults to `<role>-<keyId>`. */
  name?: string;
}

export interface CreatedKey extends ApiKeyView {
  /** The full key: returned once, never stored. */
  key: string;
}

/**
 * Creates, revokes, lists and verifies API keys. Plain TypeORM, no Nest: the admin CLI
 * uses it against the same database as the service, running or not.
 */
export class AccessService {
  private readonly keys: Repository<ApiKey>;

  constructor(
    dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.keys = dataSource.getRepository(ApiKey);
  }

  async createKey(request: CreateKeyRequest): Promise<CreatedKey> {
    if (!isRole(request.role)) {
      throw new AccessError('invalid-role', `unknown role ${JSON.stringify(request.role)}`);
    }
    const bodyId = request.bodyId?.trim() || null;
    if (request.role === 'recorder' && bodyId === null) {
      throw new AccessError('body-required', 'a recorder key must name the body it records for');
    }
    const issued = issueSecret();
    const row = this.keys.create({
      id: issued.keyId,
      principal: request.name?.trim() || `${request.role}-${issued.keyId}`,
      role: request.role,
      bodyId,
      secretHash: issued.secretHash,
      createdAt: this.now(),
      revokedAt: null,
    });
    await this.keys.insert(row);
    return { ...toView(row), key: issued.key };
  }

  /** Revoking twice keeps the first revocation time. */
  async revokeKey(keyId: string): Promise<ApiKeyView> {
    await this.keys
      .createQueryBuilder()
      .update()
      .set({ revokedAt: this.now() })
      .where('id = :keyId AND revoked_at IS NULL', { keyId })
      .execute();
    const row = await this.keys.findOneBy({ id: keyId });
    if (!row) throw new AccessError('unknown-key', `no key with id ${keyId}`);
    return toView(row);
  }

  async listKeys(): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toView);
  }

  /**
   * Null for anything but a well-formed, known, unrevoked key with the right secret. Read
   * from the table on every request, so a revocation holds from the very next one; in plain
   * SQL, because it runs on every request and the query builder cost more than the query.
   */
  async authenticate(presentedKey: string): Promise<AuthenticatedPrincipal | null> {
    const parsed = parseKey(presentedKey);
    if (!parsed) return null;
    const rows: KeyRow[] = await this.keys.manager.query(
      `SELECT id, principal, role, body_id, secret_hash FROM api_keys
        WHERE id = $1 AND revoked_at IS NULL`,
      [parsed.keyId],
    );
    const row = rows[0];
    if (!row || !isRole(row.role) || !secretMatches(parsed.secret, row.secret_hash)) return null;
    return { keyId: row.id, principal: row.principal, role: row.role, bodyId: row.body_id };
  }
}

interface KeyRow {
  id: string;
  principal: string;
  role: string;
  body_id: string | null;
  secret_hash: Buffer;
}

function toView(row: ApiKey): ApiKeyView {
  return {
    keyId: row.id,
    principal: row.principal,
    role: row.role,
    bodyId: row.bodyId,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
