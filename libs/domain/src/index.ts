export * from './calendar';
export * from './places';
export * from './activities';
export * from './plan';
export * from './metrics';
export * from './demo';
