import {
  ACTIVITY_TYPES,
  ActivityType,
  CONSULTATION_CHANNELS,
  EMPLOYMENT_INDUSTRIES,
  MEETING_KINDS,
  MUNICIPALITIES,
  MeetingKind,
  ORGANIZATION_KINDS,
  PLACE_OFFERS,
  SURVEY_TOP_ISSUES,
  TRAINING_COURSE_IDS,
  addDays,
  fiscalYearOf,
} from '@ledger/domain';
import { NewEvent } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';

export const FISCAL_YEARS = [2021, 2022, 2023, 2024, 2025] as const;

/**
 * How often each activity is recorded, relative to the others: desk and outreach work is
 * daily, survey sheets come in by the hundred, seminars and the Festa a few times a year.
 */
const WEIGHTS: Readonly<Record<Exclude<ActivityType, 'RecordRetracted'>, number>> = {
  ConsultationHandled: 20,
  OutreachVisitMade: 15,
  OutreachContactMade: 15,
  SurveyAnswered: 14,
  EmployerVisitMade: 6,
  WorkExperienceJoined: 5,
  MeetingHeld: 4,
  EmploymentStarted: 3,
  SupportPlanMade: 3,
  ReferralMade: 3,
  TrainingSessionHeld: 2,
  TrainingCompleted: 2,
  DeclarationSigned: 2,
  WorkplaceDeveloped: 2,
  PlaceToBelongRegistered: 1,
  SubsidyGranted: 1,
  AdviserDispatched: 1,
  MunicipalSurveyConducted: 0.5,
  IntegratedProgrammeJoined: 0.5,
  FestaHeld: 0.2,
};

/** Share of records that are corrections of an earlier one, of each kind. */
const RETRACTION_SHARE = 0.01;
const SUPERSESSION_SHARE = 0.01;
/** Corrections name one of the most recent records, as data-entry mistakes are found soon. */
const CORRECTABLE_WINDOW = 5_000;
const PEOPLE_PER_MUNICIPALITY = 400;

const BLOCK_OF_LIAISON = ['east', 'central', 'west'] as const;
const REFERRAL_TARGETS = [
  'mental-health-welfare-center',
  'hello-work-kochi',
  'regional-support-center',
];

const BODY_OF_MEETING: Readonly<Record<MeetingKind, string>> = {
  'study-session': 'peer-support-center',
  'top-seminar': 'child-welfare-policy-dept',
  'mayor-visit': 'child-welfare-policy-dept',
  'block-exchange': 'child-welfare-policy-dept',
  liaison: 'regional-support-center',
  'case-conference': 'regional-support-center',
  lecture: 'regional-support-center',
};

interface Correctable {
  id: string;
  type: Exclude<ActivityType, 'RecordRetracted'>;
  bodyId: string;
}

/**
 * A deterministic stream of realistic activity events: every type of the catalogue, all 34
 * municipalities, fiscal years 2021–2025 with dates spread over each year, and about 2% of
 * corrections (retractions and supersessions of recent records). Every event passes
 * `validateActivity` at its type's current schema version.
 */
export class SyntheticActivities {
  private state: number;
  private readonly recent: Correctable[] = [];
  private serial = 0;
  private readonly types: Exclude<ActivityType, 'RecordRetracted'>[];
  private readonly cumulative: number[];

  constructor(seed = 20_231_001) {
    this.state = seed >>> 0;
    this.types = Object.keys(WEIGHTS) as Exclude<ActivityType, 'RecordRetracted'>[];
    let total = 0;
    this.cumulative = this.types.map((type) => (total += WEIGHTS[type]));
  }

  batch(size: number): NewEvent[] {
    return Array.from({ length: size }, () => this.next());
  }

  next(): NewEvent {
    this.serial += 1;
    const roll = this.random();
    if (roll < RETRACTION_SHARE && this.recent.length > 0) return this.retraction();
    if (roll < RETRACTION_SHARE + SUPERSESSION_SHARE && this.recent.length > 0) {
      const target = this.takeRecent();
      return this.activity(target.type, target.id);
    }
    return this.activity(this.pickType());
  }

  private activity(type: Exclude<ActivityType, 'RecordRetracted'>, supersedes?: string): NewEvent {
    const fiscalYear = this.pick(FISCAL_YEARS);
    const occurredOn = addDays(`${fiscalYear}-04-01`, this.int(365));
    const municipalityCode = this.pick(MUNICIPALITIES).code;
    const { bodyId, fields } = this.fieldsOf(type, occurredOn, municipalityCode);
    const data: Record<string, unknown> = { occurredOn, bodyId, municipalityCode, ...fields };
    if (supersedes) data.supersedes = supersedes;
    const event = this.event(type, bodyId, data);
    this.remember({ id: event.id, type, bodyId });
    return event;
  }

  private retraction(): NewEvent {
    const target = this.takeRecent();
    const fiscalYear = this.pick(FISCAL_YEARS);
    return this.event('RecordRetracted', target.bodyId, {
      occurredOn: addDays(`${fiscalYear}-04-01`, this.int(365)),
      bodyId: target.bodyId,
      eventId: target.id,
      reason: this.pick(['二重登録', '対象者の取り違え', '実施されなかった']),
    });
  }

  private event(type: ActivityType, bodyId: string, data: Record<string, unknown>): NewEvent {
    return {
      id: randomUUID(),
      type,
      schemaVersion: ACTIVITY_TYPES[type].schemaVersion,
      data,
      metadata: { recordedBy: `bench-recorder-${bodyId}`, bodyId },
    };
  }

  private fieldsOf(
    type: Exclude<ActivityType, 'RecordRetracted'>,
    occurredOn: string,
    municipalityCode: string,
  ): { bodyId: string; fields: Record<string, unknown> } {
    const person = () => `person-${municipalityCode}-${this.int(PEOPLE_PER_MUNICIPALITY)}`;
    const iceAgeGeneration = this.random() < 0.3;
    switch (type) {
      case 'ConsultationHandled':
        return {
          bodyId: 'peer-support-center',
          fields: {
            channel: this.pick(CONSULTATION_CHANNELS),
            iceAgeGeneration,
            personId: person(),
          },
        };
      case 'OutreachVisitMade':
        return { bodyId: 'municipal-welfare-councils', fields: { personId: person() } };
      case 'OutreachContactMade':
        return {
          bodyId: 'municipal-welfare-councils',
          fields: { with: this.random() < 0.75 ? 'person' : 'family', personId: person() },
        };
      case 'SupportPlanMade':
        return { bodyId: 'municipal-welfare-councils', fields: { personId: person() } };
      case 'SurveyAnswered':
        return {
          bodyId: 'prefectural-welfare-council',
          fields: {
            surveyId: `kochike-festa-${fiscalYearOf(occurredOn)}`,
            iceAgeGeneration,
            learnedOfConsultationDesk: this.random() < 0.2,
            topIssue: this.pick(SURVEY_TOP_ISSUES),
          },
        };
      case 'EmployerVisitMade':
      case 'WorkplaceDeveloped':
        return {
          bodyId: 'board-of-education',
          fields: { employerId: `employer-${this.int(300)}` },
        };
      case 'WorkExperienceJoined':
        return {
          bodyId: 'prefectural-welfare-council',
          fields: { personId: person(), baseId: `base-${this.int(3) + 1}`, iceAgeGeneration },
        };
      case 'EmploymentStarted':
        return {
          bodyId: 'prefectural-welfare-council',
          fields: {
            personId: person(),
            iceAgeGeneration,
            industry: this.pick(EMPLOYMENT_INDUSTRIES),
            baseId: `base-${this.int(3) + 1}`,
          },
        };
      case 'MeetingHeld': {
        const kind = this.pick(MEETING_KINDS);
        const fields: Record<string, unknown> = {
          kind,
          title: `${kind} 第${this.int(12) + 1}回`,
          attendees: 5 + this.int(60),
        };
        if (kind === 'liaison') fields.blockId = this.pick(BLOCK_OF_LIAISON);
        if (kind === 'block-exchange') fields.municipalitiesTakingPart = 1 + this.int(8);
        return { bodyId: BODY_OF_MEETING[kind], fields };
      }
      case 'ReferralMade':
        return {
          bodyId: 'peer-support-center',
          fields: {
            referredTo: this.pick(REFERRAL_TARGETS),
            subject: this.random() < 0.5 ? 'person' : 'family',
            personId: person(),
          },
        };
      case 'TrainingSessionHeld':
        return {
          bodyId: 'child-welfare-policy-dept',
          fields: {
            courseId: this.pick(TRAINING_COURSE_IDS),
            title: `研修 第${this.int(4) + 1}回`,
            attendees: 10 + this.int(50),
            venue: '高知県立ふくし交流プラザ',
          },
        };
      case 'TrainingCompleted':
        return {
          bodyId: 'child-welfare-policy-dept',
          fields: { courseId: this.pick(TRAINING_COURSE_IDS), completions: 1 + this.int(5) },
        };
      case 'DeclarationSigned':
        return {
          bodyId: 'prefectural-welfare-council',
          fields: {
            // One signature per organisation (the api refuses a second one), also across
            // generators drawing from the same seed side by side.
            organizationId: `organization-${randomUUID().replace(/-/g, '')}`,
            organizationName: `共生の会 ${this.serial}`,
            organizationKind: this.pick(ORGANIZATION_KINDS),
            signedAtFesta: this.random() < 0.4,
          },
        };
      case 'PlaceToBelongRegistered':
        return {
          bodyId: 'prefectural-welfare-council',
          fields: {
            placeId: `place-${municipalityCode}-${this.int(5)}`,
            placeName: 'あったかふれあいセンター',
            offers: this.pick(PLACE_OFFERS),
          },
        };
      case 'SubsidyGranted':
        return {
          bodyId: 'child-welfare-policy-dept',
          fields: {
            recipientId: `group-${this.int(40)}`,
            recipientName: '家族会',
            amountYen: 100_000 * (1 + this.int(10)),
          },
        };
      case 'AdviserDispatched':
      case 'MunicipalSurveyConducted':
        return { bodyId: 'mayors-associations', fields: {} };
      case 'IntegratedProgrammeJoined': {
        const intending = this.random() < 0.3;
        const fiscalYear = fiscalYearOf(occurredOn) + (intending ? 1 : 0);
        return {
          bodyId: 'mayors-associations',
          fields: { fiscalYear, status: intending ? 'intending' : 'joined' },
        };
      }
      case 'FestaHeld':
        return {
          bodyId: 'prefectural-welfare-council',
          fields: { title: '高知家地域共生社会フェスタ', participants: 300 + this.int(300) },
        };
      default: {
        const unreachable: never = type;
        return unreachable;
      }
    }
  }

  private remember(record: Correctable): void {
    this.recent.push(record);
    if (this.recent.length > CORRECTABLE_WINDOW) this.recent.shift();
  }

  /** A correction takes its target out of the pool: nothing is corrected twice. */
  private takeRecent(): Correctable {
    const index = this.int(this.recent.length);
    const [target] = this.recent.splice(index, 1);
    return target;
  }

  private pickType(): Exclude<ActivityType, 'RecordRetracted'> {
    const roll = this.random() * this.cumulative[this.cumulative.length - 1];
    const index = this.cumulative.findIndex((bound) => roll < bound);
    return this.types[index];
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  private int(below: number): number {
    return Math.floor(this.random() * below);
  }

  /** mulberry32: a small seeded generator, so two runs draw the same dataset shape. */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}
