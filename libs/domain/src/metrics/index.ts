export * from './metric-definition';
export * from './metric-catalogue';
export * from './evaluate-metrics';
