export * from './calendar';
export * from './places';
export * from './metrics/metric-definition';
