import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from './role';

/**
 * An API key as stored: its id is public (it is part of the key), its secret never is;
 * only the secret's SHA-256 hash is kept, so a leaked table grants nothing.
 */
@Entity({ name: 'api_keys' })
export class ApiKey {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** The principal recorded in the metadata of every event written with this key. */
  @Column({ type: 'text' })
  principal!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** The implementing body a recorder acts for; null for keys that act for no body. */
  @Column({ name: 'body_id', type: 'text', nullable: true })
  bodyId!: string | null;

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
