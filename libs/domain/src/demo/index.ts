export * from './fy2023-demo-activities';
export * from './seeded-random';
