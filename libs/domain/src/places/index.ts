export * from './municipality';
export * from './grouping';
export * from './kochi-groupings';
