/** Unit tests (*.spec.ts), integration (*.int.spec.ts) and end-to-end (*.e2e.spec.ts) in one run. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // Transpile only (tsconfig's isolatedModules): `npm run typecheck` checks the types.
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: {
    '^@ledger/(event-store|domain|projections|audit|access)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 60_000,
  // A failing test can leave a handle open (a runner that never stopped): the run must end
  // with its report, not hang CI until its time limit (the last CI run did).
  forceExit: true,
};
