import { projectorModeFor } from './projector-mode';

describe('projectorModeFor', () => {
  it('runs the projections in the api unless PROJECTOR=external, and always on embedded PGlite', () => {
    expect(projectorModeFor('postgres', {})).toBe('in-process');
    expect(projectorModeFor('postgres', { PROJECTOR: 'external' })).toBe('external');
    expect(projectorModeFor('eventstoredb', { PROJECTOR: ' external ' })).toBe('external');
    expect(projectorModeFor('eventstoredb', { PROJECTOR: 'in-process' })).toBe('in-process');
    expect(projectorModeFor('embedded', { PROJECTOR: 'external' })).toBe('in-process');
  });

  it('refuses a PROJECTOR it does not know rather than guessing', () => {
    expect(() => projectorModeFor('postgres', { PROJECTOR: 'separate' })).toThrow(
      'PROJECTOR must be in-process or external; got separate',
    );
  });
});
