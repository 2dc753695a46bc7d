export * from './role';
export * from './api-key.entity';
export * from './access.errors';
export * from './access.service';
export * from './access-persistence';
