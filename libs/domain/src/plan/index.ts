export * from './achievement';
export * from './kochi-bodies';
export * from './kochi-fy2023-plan';
export * from './measure-id';
export * from './plan-event';
export * from './plan-state';
