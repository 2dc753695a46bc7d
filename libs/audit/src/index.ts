export * from './persistence/audit-database';
export * from './persistence/audit-migrations';
export * from './hash-chain/canonical-json';
export * from './hash-chain/hash-chain';
export * from './hash-chain/hash-checkpoint.event';
export * from './hash-chain/hash-chain-recorder';
export * from './hash-chain/verify-store';
