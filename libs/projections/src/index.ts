export * from './engine/projection';
export * from './engine/projection-runner';
export * from './engine/projection-exclusivity';
export * from './engine/projection-version.entity';
export * from './reporting/reporting.projection';
export * from './reporting/reporting-events';
export * from './read-models';
