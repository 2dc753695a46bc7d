export * from './calendar';
export * from './places';
export * from './activities';
export * from './plan/measure-id';
export * from './metrics/metric-definition';
