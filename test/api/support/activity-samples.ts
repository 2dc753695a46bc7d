import { randomUUID } from 'node:crypto';

/** Valid request events of the four activities the design brief names, for one body. */
export function trainingSessionHeld(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'TrainingSessionHeld',
    occurredOn: '2023-07-10',
    data: {
      courseId: 'prefectural-self-reliance-support',
      title: '相談支援従事者研修 第1回',
      attendees: 56,
      ...overrides,
    },
  };
}

export function workExperienceJoined(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'WorkExperienceJoined',
    occurredOn: '2023-09-01',
    data: {
      personId: 'psc-7f3a9c2e',
      baseId: 'shimanto-farm-base',
      iceAgeGeneration: true,
      ...overrides,
    },
  };
}

export function declarationSigned(organizationId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'DeclarationSigned',
    occurredOn: '2023-10-07',
    data: {
      organizationId,
      organizationName: '高知市民生委員児童委員協議会連合会',
      organizationKind: 'district-welfare-commissioner-council',
      signedAtFesta: true,
      ...overrides,
    },
  };
}

export function consultationHandled(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: 'ConsultationHandled',
    occurredOn: '2023-06-02',
    data: { channel: 'phone', iceAgeGeneration: true, municipalityCode: '39201', ...overrides },
  };
}

export function recordRetracted(eventId: string) {
  return {
    id: randomUUID(),
    type: 'RecordRetracted',
    occurredOn: '2023-11-01',
    data: { eventId, reason: 'recorded twice by mistake' },
  };
}
