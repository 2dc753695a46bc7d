import { ACTIVITY_TYPES } from '../activities/activity-catalogue';
import { StoredData } from '../activities/activity-definition';
import { ActivityDataOf, ActivityType } from '../activities/activity-event';
import { SURVEY_TOP_ISSUES } from '../activities/awareness/survey-answered.event';
import { EMPLOYMENT_INDUSTRIES } from '../activities/work-experience/employment-started.event';
import { IsoDate, addDays } from '../calendar/iso-date';
import {
  MUNICIPALITIES,
  MunicipalityCode,
  MunicipalityName,
  municipalityCodeOf,
} from '../places/municipality';
import { SeededRandom } from './seeded-random';

/** A demo event in stored form: what a data-entry service would have recorded. */
export interface DemoActivity {
  readonly id: string;
  readonly type: ActivityType;
  readonly schemaVersion: number;
  readonly data: StoredData;
  /** The recording body, as the store's metadata carries it. */
  readonly bodyId: string;
}

const DEPT = 'child-welfare-policy-dept';
const PEER = 'peer-support-center';
const CENTER = 'regional-support-center';
const BOARD = 'board-of-education';
const COUNCILS = 'municipal-welfare-councils';
const FY_START = '2023-04-01';
const FY_END = '2024-03-31';
const FESTA_DAY = '2023-10-07';

const code = municipalityCodeOf;

/**
 * Individual, dated FY2023 activities from which every figure of the prefecture's FY2023
 * report follows. The report gives totals only: which municipality, person or day each
 * activity belongs to is invented (deterministically), except where the report states it
 * (meeting dates and attendance, the Festa, the outreach towns). Organisations and people
 * are fictitious. Includes the corrections a real year has: a duplicate consultation later
 * retracted, an attendance figure superseded, and April consultations stored at schema v1.
 */
export function fy2023DemoActivities(): DemoActivity[] {
  const random = new SeededRandom(20230401);
  const recorded: DemoActivity[] = [];

  function record<Type extends ActivityType>(type: Type, data: ActivityDataOf<Type>): DemoActivity {
    return recordStored(type, ACTIVITY_TYPES[type].schemaVersion, data);
  }
  function recordStored(type: ActivityType, schemaVersion: number, data: StoredData): DemoActivity {
    const activity: DemoActivity = {
      id: random.uuid(),
      type,
      schemaVersion,
      data,
      bodyId: data.bodyId as string,
    };
    recorded.push(activity);
    return activity;
  }
  // Digits first: a person id must hold a digit, and random hex alone may not.
  const pseudonym = (prefix: string) =>
    `${prefix}-${String(random.int(0, 9999)).padStart(4, '0')}${random.hex(4)}`;

  // ① municipalities' own fact-finding surveys, and the peer support center at their study sessions.
  const surveyed: MunicipalityName[] = [
    '安芸市',
    '須崎市',
    '香美市',
    '土佐町',
    '佐川町',
    '四万十町',
    '黒潮町',
  ];
  for (const name of surveyed) {
    record('MunicipalSurveyConducted', {
      occurredOn: random.weekday('2023-05-01', '2024-02-29'),
      bodyId: DEPT,
      municipalityCode: code(name),
    });
  }
  for (const name of ['香美市', '佐川町', '四万十町', '黒潮町'] as const) {
    record('MeetingHeld', {
      occurredOn: random.weekday('2023-06-01', '2024-02-29'),
      bodyId: PEER,
      kind: 'study-session',
      title: 'ひきこもり支援勉強会',
      municipalityCode: code(name),
    });
  }

  // ②ア support platforms: top seminar, a visit to every mayor, seven block exchanges, advisers.
  record('MeetingHeld', {
    occurredOn: '2023-06-02',
    bodyId: DEPT,
    kind: 'top-seminar',
    title: 'トップセミナー（包括的な支援体制の整備）',
  });
  for (const municipality of MUNICIPALITIES) {
    record('MeetingHeld', {
      occurredOn: random.weekday('2023-06-05', '2023-08-31'),
      bodyId: DEPT,
      kind: 'mayor-visit',
      title: '市町村長訪問',
      municipalityCode: municipality.code,
    });
  }
  const exchangeDays = [
    '2023-09-12',
    '2023-09-20',
    '2023-09-27',
    '2023-10-04',
    '2023-10-11',
    '2023-10-18',
    '2023-10-24',
  ];
  const exchangeSizes = [5, 5, 5, 5, 5, 4, 4];
  exchangeDays.forEach((occurredOn, index) => {
    record('MeetingHeld', {
      occurredOn,
      bodyId: DEPT,
      kind: 'block-exchange',
      title: 'ブロック別意見交換会（市町村・市町村社協・県・県社協）',
      blockId: `exchange-block-${index + 1}`,
      municipalitiesTakingPart: exchangeSizes[index],
    });
  });
  for (const name of ['南国市', '四万十市', 'いの町', '越知町', '黒潮町'] as const) {
    record('AdviserDispatched', {
      occurredOn: random.weekday('2023-07-01', '2024-02-29'),
      bodyId: DEPT,
      municipalityCode: code(name),
    });
  }
  recordIntegratedProgramme(random, record);

  // ②イ awareness: the Festa, its joint declaration and its survey.
  record('FestaHeld', {
    occurredOn: FESTA_DAY,
    bodyId: DEPT,
    title: '高知家地域共生社会フェスタ',
    participants: 468,
  });
  recordDeclarations(random, record);
  recordFestaSurvey(random, record);

  // ③ア outreach in the three towns with outreach workers.
  const outreach = [
    { town: code('越知町'), visits: 76, personContacts: 120, familyContacts: 33 },
    { town: code('佐川町'), visits: 80, personContacts: 125, familyContacts: 35 },
    { town: code('四万十町'), visits: 72, personContacts: 112, familyContacts: 30 },
  ];
  for (const { town, visits, personContacts, familyContacts } of outreach) {
    const people = Array.from({ length: 5 }, () => pseudonym('ow'));
    const base = { bodyId: COUNCILS, municipalityCode: town };
    for (let i = 0; i < visits; i += 1) {
      record('OutreachVisitMade', {
        ...base,
        occurredOn: random.weekday(FY_START, FY_END),
        personId: random.pick(people),
      });
    }
    for (let i = 0; i < personContacts; i += 1) {
      const personId = random.pick(people);
      record('OutreachContactMade', {
        ...base,
        occurredOn: random.weekday(FY_START, FY_END),
        with: 'person',
        personId,
      });
    }
    for (let i = 0; i < familyContacts; i += 1) {
      const personId = random.pick(people);
      record('OutreachContactMade', {
        ...base,
        occurredOn: random.weekday(FY_START, FY_END),
        with: 'family',
        personId,
      });
    }
    if (town === code('佐川町')) {
      record('SupportPlanMade', { ...base, occurredOn: '2023-12-14', personId: people[0] });
    }
  }

  recordPeerDesk(random, record, recordStored, pseudonym);
  recordSupportCenter(random, record);
  recordTraining(random, record);

  // ⑤ア places to belong: subsidies to private groups and the community centers' survey.
  const subsidised = [
    {
      recipientId: 'family-group-kochi-a',
      recipientName: '家族会・民間支援団体A（高知市）',
      place: '高知市',
    },
    {
      recipientId: 'family-group-kochi-b',
      recipientName: '家族会・民間支援団体B（高知市）',
      place: '高知市',
    },
    {
      recipientId: 'family-group-shimanto',
      recipientName: '家族会・民間支援団体C（四万十市）',
      place: '四万十市',
    },
    {
      recipientId: 'family-group-sukumo',
      recipientName: '家族会・民間支援団体D（宿毛市）',
      place: '宿毛市',
    },
  ] as const;
  for (const { recipientId, recipientName, place } of subsidised) {
    record('SubsidyGranted', {
      occurredOn: random.weekday('2023-06-01', '2023-07-31'),
      bodyId: DEPT,
      municipalityCode: code(place),
      recipientId,
      recipientName,
      amountYen: random.int(2, 5) * 100_000,
    });
  }
  const centers: MunicipalityName[] = [
    '香美市',
    '大豊町',
    '仁淀川町',
    '安田町',
    '檮原町',
    '土佐清水市',
    '黒潮町',
  ];
  centers.forEach((name, index) => {
    const data = {
      occurredOn: '2023-09-29',
      bodyId: DEPT,
      municipalityCode: code(name),
      placeId: `attaka-${code(name)}`,
      placeName: `あったかふれあいセンター（${name}）`,
    };
    record('PlaceToBelongRegistered', { ...data, offers: 'place' });
    if (index < 4) record('PlaceToBelongRegistered', { ...data, offers: 'work-experience' });
  });

  recordWorkExperience(random, record, pseudonym);
  recordEmployerDevelopment(random, record);

  // Recording order follows occurrence; a correction comes after what it corrects.
  return recorded
    .map((activity, index) => ({ activity, index }))
    .sort((a, b) => compareDates(a.activity, b.activity) || a.index - b.index)
    .map(({ activity }) => activity);
}

type Recorder = <Type extends ActivityType>(type: Type, data: ActivityDataOf<Type>) => DemoActivity;

function compareDates(a: DemoActivity, b: DemoActivity): number {
  const left = a.data.occurredOn as string;
  const right = b.data.occurredOn as string;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** FY2022 6 municipalities, FY2023 19 (the 6 among them), 24 intending for FY2024. */
function recordIntegratedProgramme(random: SeededRandom, record: Recorder): void {
  const first: MunicipalityName[] = ['高知市', '南国市', '香南市', '四万十市', '佐川町', '黒潮町'];
  const others = random.shuffle(
    MUNICIPALITIES.map((m) => m.code).filter((c) => !first.map(code).includes(c)),
  );
  const fy2022 = first.map(code);
  const fy2023 = [...fy2022, ...others.slice(0, 13)];
  const fy2024 = [...fy2023, ...others.slice(13, 18)];
  for (const municipalityCode of fy2022) {
    record('IntegratedProgrammeJoined', {
      occurredOn: '2022-04-01',
      bodyId: DEPT,
      municipalityCode,
      fiscalYear: 2022,
      status: 'joined',
    });
  }
  for (const municipalityCode of fy2023) {
    record('IntegratedProgrammeJoined', {
      occurredOn: FY_START,
      bodyId: DEPT,
      municipalityCode,
      fiscalYear: 2023,
      status: 'joined',
    });
  }
  for (const municipalityCode of fy2024) {
    record('IntegratedProgrammeJoined', {
      occurredOn: random.weekday('2024-02-01', '2024-03-29'),
      bodyId: DEPT,
      municipalityCode,
      fiscalYear: 2024,
      status: 'intending',
    });
  }
}

/** 42 district welfare commissioner councils and 56 organisations at the Festa; 4 more by March. */
function recordDeclarations(random: SeededRandom, record: Recorder): void {
  const kochiDistricts = [
    '上街',
    '高知街',
    '南街',
    '北街',
    '江ノ口',
    '小高坂',
    '旭',
    '潮江',
    '下知',
  ];
  const councils = [
    ...kochiDistricts.map((district, index) => ({
      organizationId: `dwc-39201-${index + 1}`,
      organizationName: `高知市${district}地区民生委員児童委員協議会`,
      municipalityCode: '39201' as MunicipalityCode,
    })),
    ...MUNICIPALITIES.filter((m) => m.code !== '39201').map((m) => ({
      organizationId: `dwc-${m.code}`,
      organizationName: `${m.name}民生委員児童委員協議会`,
      municipalityCode: m.code,
    })),
  ];
  for (const council of councils) {
    record('DeclarationSigned', {
      ...council,
      occurredOn: FESTA_DAY,
      bodyId: DEPT,
      organizationKind: 'district-welfare-commissioner-council',
      signedAtFesta: true,
    });
  }
  for (let n = 1; n <= 60; n += 1) {
    const number = String(n).padStart(2, '0');
    record('DeclarationSigned', {
      occurredOn: n <= 56 ? FESTA_DAY : random.weekday('2023-11-01', '2024-03-29'),
      bodyId: DEPT,
      organizationId: `organisation-${number}`,
      organizationName: `参画企業・団体${number}`,
      organizationKind: 'company-or-organisation',
      signedAtFesta: n <= 56,
    });
  }
}

/** 300 answer sheets: ひきこもり 51 (17%), 孤独・孤立 45 (15%); 23 ice-age answers learned of the desk. */
function recordFestaSurvey(random: SeededRandom, record: Recorder): void {
  const issueCounts: readonly [(typeof SURVEY_TOP_ISSUES)[number], number][] = [
    ['hikikomori', 51],
    ['isolation', 45],
    ['young-carers', 40],
    ['elderly-care', 38],
    ['child-rearing', 36],
    ['disability', 32],
    ['poverty', 30],
    ['other', 28],
  ];
  const issues = random.shuffle(
    issueCounts.flatMap(([issue, count]) => Array<typeof issue>(count).fill(issue)),
  );
  let iceAgeLearned = 0;
  issues.forEach((topIssue, index) => {
    const iceAgeGeneration = index % 15 < 4; // 80 of the 300 sheets
    const learnedOfConsultationDesk = iceAgeGeneration ? ++iceAgeLearned <= 23 : index % 15 === 7;
    record('SurveyAnswered', {
      occurredOn: FESTA_DAY,
      bodyId: DEPT,
      surveyId: 'kochike-festa-2023',
      iceAgeGeneration,
      learnedOfConsultationDesk,
      topIssue,
    });
  });
}

/** ③イ: 283 ice-age consultations (one duplicate retracted), 117 others, one family referral. */
function recordPeerDesk(
  random: SeededRandom,
  record: Recorder,
  recordStored: (type: ActivityType, schemaVersion: number, data: StoredData) => DemoActivity,
  pseudonym: (prefix: string) => string,
): void {
  const iceAgePeople = Array.from({ length: 48 }, () => pseudonym('psc'));
  const otherPeople = Array.from({ length: 30 }, () => pseudonym('psc'));
  const channels = [
    'email',
    'email',
    'email',
    'phone',
    'phone',
    'phone',
    'phone',
    'in_person',
    'in_person',
  ] as const;
  const municipalities = [
    code('高知市'),
    code('高知市'),
    code('高知市'),
    code('四万十市'),
    code('宿毛市'),
    code('南国市'),
  ];
  const plan = [...Array<boolean>(283).fill(true), ...Array<boolean>(117).fill(false)].map(
    (iceAgeGeneration) => ({ iceAgeGeneration, occurredOn: random.weekday(FY_START, FY_END) }),
  );
  let duplicateOf: DemoActivity | undefined;
  for (const { iceAgeGeneration, occurredOn } of plan) {
    const anonymous = random.int(0, 9) === 0;
    const data = {
      occurredOn,
      bodyId: PEER,
      iceAgeGeneration,
      ...(anonymous
        ? {}
        : { personId: random.pick(iceAgeGeneration ? iceAgePeople : otherPeople) }),
      ...(random.int(0, 2) === 0 ? { municipalityCode: random.pick(municipalities) } : {}),
    };
    // The desk's intake form gained the channel in May 2023; April's records are stored as v1.
    const activity =
      occurredOn < '2023-05-01'
        ? recordStored('ConsultationHandled', 1, data)
        : record('ConsultationHandled', { ...data, channel: random.pick(channels) });
    if (
      !duplicateOf &&
      iceAgeGeneration &&
      occurredOn >= '2023-06-01' &&
      occurredOn < '2023-07-01'
    ) {
      duplicateOf = activity;
    }
  }
  if (!duplicateOf) throw new Error('demo data: no June consultation to duplicate');
  const duplicate = recordStored(
    'ConsultationHandled',
    duplicateOf.schemaVersion,
    duplicateOf.data,
  );
  record('RecordRetracted', {
    occurredOn: addDays(duplicateOf.data.occurredOn as IsoDate, 3),
    bodyId: PEER,
    eventId: duplicate.id,
    reason: 'duplicate entry of the same consultation',
  });
  record('ReferralMade', {
    occurredOn: '2023-11-21',
    bodyId: PEER,
    referredTo: 'mental-health-welfare-center',
    subject: 'family',
    personId: iceAgePeople[0],
  });
}

/** ③ウ: three liaison meetings (the east one's attendance corrected), training, lectures, cases. */
function recordSupportCenter(random: SeededRandom, record: Recorder): void {
  const liaison = { bodyId: CENTER, kind: 'liaison', title: 'ひきこもり支援者連絡会議' } as const;
  record('MeetingHeld', {
    ...liaison,
    occurredOn: '2023-06-08',
    blockId: 'central',
    attendees: 31,
  });
  record('MeetingHeld', { ...liaison, occurredOn: '2023-06-16', blockId: 'west', attendees: 29 });
  const east = record('MeetingHeld', {
    ...liaison,
    occurredOn: '2023-06-28',
    blockId: 'east',
    attendees: 40,
  });
  record('MeetingHeld', {
    ...liaison,
    occurredOn: '2023-06-28',
    blockId: 'east',
    attendees: 41,
    supersedes: east.id,
  });
  for (const [occurredOn, attendees] of [
    ['2023-08-25', 38],
    ['2024-01-26', 42],
  ] as const) {
    record('TrainingSessionHeld', {
      occurredOn,
      bodyId: CENTER,
      courseId: 'hikikomori-support-training',
      title: 'ひきこもり支援に関する研修会',
      attendees,
    });
  }
  record('MeetingHeld', {
    occurredOn: '2023-11-18',
    bodyId: CENTER,
    kind: 'lecture',
    title: 'ひきこもりに関する普及啓発講演会',
  });
  record('MeetingHeld', {
    occurredOn: '2024-02-09',
    bodyId: CENTER,
    kind: 'lecture',
    title: '思春期精神保健福祉支援者講演会',
  });
  for (let i = 0; i < 8; i += 1) {
    record('MeetingHeld', {
      occurredOn: random.weekday(FY_START, FY_END),
      bodyId: CENTER,
      kind: 'case-conference',
      title: '関係機関とのケース会議',
      municipalityCode: random.pick(MUNICIPALITIES).code,
    });
  }
}

/** ④: national completions, the prefectural course's two rounds, difficult-case training at 3 venues. */
function recordTraining(random: SeededRandom, record: Recorder): void {
  const completions = [
    ['national-chief-consultation-support-worker', [2]],
    ['national-consultation-support-worker', [3, 1]],
    ['national-employment-support-worker', [3]],
    ['national-household-finance-support-worker', [3, 2]],
    ['national-theme-isolation-outreach', [2]],
    ['national-theme-children-families', [2]],
    ['national-later-part', [27]],
  ] as const;
  for (const [courseId, counts] of completions) {
    for (const count of counts) {
      record('TrainingCompleted', {
        occurredOn: random.weekday('2023-07-01', '2024-01-31'),
        bodyId: DEPT,
        courseId,
        completions: count,
      });
    }
  }
  const prefectural = {
    bodyId: DEPT,
    courseId: 'prefectural-self-reliance-support',
    title: '生活困窮者自立支援事業従事者研修',
  } as const;
  record('TrainingSessionHeld', {
    ...prefectural,
    occurredOn: '2023-07-20',
    sessionNumber: 1,
    attendees: 56,
  });
  record('TrainingSessionHeld', {
    ...prefectural,
    occurredOn: '2023-11-16',
    sessionNumber: 2,
    attendees: 51,
  });
  const venues = [
    ['2023-10-19', '安芸市', '安芸総合庁舎', 13],
    ['2023-11-09', '高知市', '高知県立ふくし交流プラザ', 17],
    ['2023-12-07', '四万十市', '幡多総合庁舎', 14],
  ] as const;
  for (const [occurredOn, place, venue, attendees] of venues) {
    record('TrainingSessionHeld', {
      occurredOn,
      bodyId: DEPT,
      courseId: 'difficult-case-review',
      title: '困難事例検討研修',
      municipalityCode: code(place),
      venue,
      attendees,
    });
  }
}

/** ⑤イ: 19 people at 3 bases (4 ice-age, one of whom moved base), 11 into employment (2 ice-age). */
function recordWorkExperience(
  random: SeededRandom,
  record: Recorder,
  pseudonym: (prefix: string) => string,
): void {
  const bases = [
    { baseId: 'work-experience-base-central', municipalityCode: code('高知市') },
    { baseId: 'work-experience-base-east', municipalityCode: code('安芸市') },
    { baseId: 'work-experience-base-west', municipalityCode: code('四万十市') },
  ];
  const participants = Array.from({ length: 19 }, (_, index) => ({
    personId: pseudonym('wx'),
    iceAgeGeneration: index < 4,
    base: bases[index % 3],
    joinedOn: random.weekday(FY_START, '2023-12-28'),
  }));
  for (const { personId, iceAgeGeneration, base, joinedOn } of participants) {
    record('WorkExperienceJoined', {
      occurredOn: joinedOn,
      bodyId: DEPT,
      personId,
      iceAgeGeneration,
      ...base,
    });
  }
  const mover = participants[0];
  record('WorkExperienceJoined', {
    occurredOn: addDays(mover.joinedOn, 45),
    bodyId: DEPT,
    personId: mover.personId,
    iceAgeGeneration: true,
    ...bases[1],
  });
  const industries: (typeof EMPLOYMENT_INDUSTRIES)[number][] = [
    'agriculture',
    'agriculture',
    'agriculture',
    'agriculture',
    'agriculture',
    'agriculture',
    'fisheries',
    'wholesale',
    'care',
    'sales',
    'security-services',
  ];
  // Participants 2 and 3 are ice-age; 4 to 12 are not.
  participants.slice(2, 13).forEach(({ personId, iceAgeGeneration, base, joinedOn }, index) => {
    record('EmploymentStarted', {
      occurredOn: addDays(joinedOn, random.int(60, 90)),
      bodyId: DEPT,
      personId,
      iceAgeGeneration,
      industry: industries[index],
      baseId: base.baseId,
      municipalityCode: base.municipalityCode,
    });
  });
}

/** The youth support station's 130 visits to 72 employers, 64 of which took placements. */
function recordEmployerDevelopment(random: SeededRandom, record: Recorder): void {
  const employers = Array.from(
    { length: 72 },
    (_, index) => `employer-${String(index + 1).padStart(3, '0')}`,
  );
  const visits = [...employers, ...Array.from({ length: 58 }, () => random.pick(employers))];
  const firstVisit = new Map<string, IsoDate>();
  for (const employerId of visits) {
    const occurredOn = random.weekday(FY_START, '2024-02-29');
    if (!firstVisit.has(employerId) || occurredOn < (firstVisit.get(employerId) as IsoDate)) {
      firstVisit.set(employerId, occurredOn);
    }
    record('EmployerVisitMade', { occurredOn, bodyId: BOARD, employerId });
  }
  for (const employerId of employers.slice(0, 64)) {
    record('WorkplaceDeveloped', {
      occurredOn: addDays(firstVisit.get(employerId) as IsoDate, random.int(7, 28)),
      bodyId: BOARD,
      employerId,
    });
  }
}
