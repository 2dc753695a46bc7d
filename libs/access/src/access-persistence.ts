import { ApiKey } from './api-key.entity';
import { CreateApiKeys1764300000000 } from './migrations/1764300000000-create-api-keys.migration';

/** What a data source needs to hold API keys; every app that opens one lists these. */
export const ACCESS_ENTITIES = [ApiKey];
export const ACCESS_MIGRATIONS = [CreateApiKeys1764300000000];
