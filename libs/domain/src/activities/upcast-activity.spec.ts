import { UnreadableActivityError } from './activity-errors';
import { upcastActivity } from './upcast-activity';

describe('upcastActivity', () => {
  const v1 = { occurredOn: '2020-05-11', bodyId: 'peer-support-center', iceAgeGeneration: true };

  it('reads a v1 consultation, written before the channel was recorded, as in person', () => {
    expect(upcastActivity('ConsultationHandled', 1, v1)).toEqual({
      type: 'ConsultationHandled',
      data: { ...v1, channel: 'in_person' },
    });
  });

  it('leaves a current-version event as it is', () => {
    const v2 = { ...v1, channel: 'email' };
    expect(upcastActivity('ConsultationHandled', 2, v2)).toEqual({
      type: 'ConsultationHandled',
      data: v2,
    });
  });

  it('refuses types and versions the catalogue does not know', () => {
    expect(() => upcastActivity('ConsultationHandled', 7, v1)).toThrow(
      new UnreadableActivityError(
        'unknown-schema-version',
        'ConsultationHandled has no schema version 7',
      ),
    );
    expect(() => upcastActivity('PhoneCallLogged', 1, v1)).toThrow(UnreadableActivityError);
  });
});
