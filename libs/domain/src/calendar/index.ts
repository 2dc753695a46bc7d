export * from './iso-date';
export * from './fiscal-year';
export * from './japanese-era';
export * from './today-in-japan';
