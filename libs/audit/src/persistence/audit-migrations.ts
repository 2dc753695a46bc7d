import { CreateHashChain1764400000000 } from '../migrations/1764400000000-create-hash-chain.migration';

export const AUDIT_MIGRATIONS = [CreateHashChain1764400000000];
