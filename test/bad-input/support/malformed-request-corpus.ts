import { pick, seededRandom, seededUuid } from '../../faults/support/seeded-random';

/** Who a request claims to be: a role's valid key, or a key that must be refused. */
export type Caller =
  'recorder' | 'analyst' | 'auditor' | 'admin' | 'none' | 'malformed-key' | 'wrong-secret';

export type Category =
  | 'wrong-type'
  | 'missing-field'
  | 'extra-field'
  | 'unknown-event-type'
  | 'impossible-date'
  | 'out-of-range-number'
  | 'huge'
  | 'deep-nesting'
  | 'invalid-json'
  | 'invalid-utf8'
  | 'injection'
  | 'duplicate-ids'
  | 'bad-envelope'
  | 'bad-key'
  | 'bad-query'
  | 'bad-path';

export interface MalformedRequest {
  category: Category;
  /** What was broken, for the failure message. */
  what: string;
  method: 'GET' | 'POST';
  path: string;
  caller: Caller;
  body?: Buffer;
  contentType?: string;
}

/** A valid event of one activity type, as a request carries it. */
export interface SampleEvent {
  id: string;
  type: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

export interface CorpusInput {
  seed: number;
  /** One valid event per activity type, for an admin key (data names its body). */
  samples: readonly SampleEvent[];
  /** Data fields each type requires; deleting one must make the event invalid. */
  requiredFields: Readonly<Record<string, readonly string[]>>;
  /** Routes of the api (from its OpenAPI document) other than POST /v1/events. */
  routes: readonly {
    method: 'GET' | 'POST';
    path: string;
    query: readonly string[];
    public: boolean;
  }[];
  /** How many requests at least. */
  size: number;
}

const WRONG_VALUES: Record<string, readonly unknown[]> = {
  string: [0, 1.5, true, false, null, [], ['x'], {}, { value: 'x' }],
  number: ['1', '', 'ten', true, null, [], [1], {}, { n: 1 }],
  boolean: ['true', 'false', 0, 1, 'yes', null, [], {}, [true]],
  object: ['x', 0, true, null, [], [{}]],
};

const UNKNOWN_TYPES = [
  'ConsultationHeld',
  'consultationhandled',
  'CONSULTATIONHANDLED',
  'ConsultationHandled ',
  ' ConsultationHandled',
  'ConsultationHandled\u0000',
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'ClaimReserved',
  'ClaimReleased',
  'PlanRecorded',
  'MeasureDefined',
  'KpiDefined',
  'TargetSet',
  'HashCheckpointRecorded',
  'FiscalYearClosed',
  'ActivityRecorded',
  'recording-x',
  'ConsultationHandled.v2',
  'ＣｏｎｓｕｌｔａｔｉｏｎＨａｎｄｌｅｄ',
  'Consultation Handled',
  'x'.repeat(300),
];

const IMPOSSIBLE_DATES = [
  '2023-02-30',
  '2023-02-29',
  '2024-02-30',
  '2023-04-31',
  '2023-13-01',
  '2023-00-10',
  '2023-06-00',
  '2023-06-32',
  '2023-6-2',
  '23-06-02',
  '2023/06/02',
  '2023-06-02T00:00:00Z',
  '2023-06-02 ',
  ' 2023-06-02',
  '2023-06-02\n',
  '20230602',
  '令和5年6月2日',
  '２０２３-０６-０２',
  '',
  'today',
  'NaN-NaN-NaN',
  '0000-00-00',
  '-2023-06-02',
  '+2023-06-02',
  '99999-06-02',
  '2023-06-02T25:00',
];

const OUT_OF_RANGE = [-1, -100, 1.5, 0.1, -0.5, 2 ** 53, 2 ** 53 + 2, 1e21, -1e21, 1e300, -1e300];
/** JSON texts no JavaScript number serializes to: overflow and huge exponents. */
const OUT_OF_RANGE_RAW = [
  '1e400',
  '-1e400',
  '1' + '0'.repeat(400),
  '123456789012345678901234567890',
];

const INJECTIONS = [
  "'; DROP TABLE event_store.events; --",
  "' OR '1'='1",
  '1; DELETE FROM api_keys',
  '"); TRUNCATE event_store.events CASCADE; --',
  '$1',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '$where',
  '{"$gt": ""}',
  '__proto__',
  'constructor.prototype',
  '`rm -rf /`',
  '| cat /etc/passwd',
  '\r\nX-Injected: yes',
  "=cmd|' /C calc'!A0",
  'ﾃｽﾄ\u202e\u2066',
  '\ufeff',
  'null',
  'undefined',
  'NaN',
];

const INJECTION_FIELDS = [
  'id',
  'type',
  'occurredOn',
  'data.bodyId',
  'data.municipalityCode',
  'data.personId',
  'data.channel',
  'data.organizationId',
  'data.eventId',
  'data.supersedes',
];

/** Requests that no valid client sends: each must be refused, and none may change the store. */
export function generateMalformedCorpus(input: CorpusInput): MalformedRequest[] {
  const random = seededRandom(input.seed);
  const corpus: MalformedRequest[] = [];
  const uuid = () => seededUuid(random);
  const fresh = (sample: SampleEvent): SampleEvent => ({
    ...sample,
    id: uuid(),
    data: { ...sample.data },
  });
  const anySample = () => fresh(pick(random, input.samples));
  /** The bad event among 0 to 3 valid ones: a batch is refused whole. */
  const batchAround = (bad: unknown): unknown[] => {
    const events: unknown[] = Array.from({ length: Math.floor(random() * 4) }, anySample);
    events.splice(Math.floor(random() * (events.length + 1)), 0, bad);
    return events;
  };
  const postJson = (category: Category, what: string, body: unknown, caller: Caller = 'admin') =>
    corpus.push({
      category,
      what,
      method: 'POST',
      path: '/v1/events',
      caller,
      body: Buffer.from(JSON.stringify(body), 'utf8'),
    });
  const postRaw = (category: Category, what: string, body: Buffer, contentType?: string) =>
    corpus.push({
      category,
      what,
      method: 'POST',
      path: '/v1/events',
      caller: 'admin',
      body,
      contentType,
    });
  /** A random change can leave the JSON valid (a digit of an id changed): only broken ones count. */
  const postBroken = (what: string, body: Buffer) => {
    if (!parses(body)) postRaw('invalid-json', what, body);
  };
  const postEvent = (category: Category, what: string, bad: unknown) =>
    postJson(category, what, { events: batchAround(bad) });

  for (const sample of input.samples) {
    const { type } = sample;
    const envelope = { id: 'string', type: 'string', occurredOn: 'string', data: 'object' };
    for (const [field, kind] of Object.entries(envelope)) {
      for (const value of WRONG_VALUES[kind])
        postEvent('wrong-type', `${type}.${field} = ${JSON.stringify(value)}`, {
          ...fresh(sample),
          [field]: value,
        });
      const missing: Record<string, unknown> = { ...fresh(sample) };
      delete missing[field];
      postEvent('missing-field', `${type} without ${field}`, missing);
    }
    for (const [field, value] of Object.entries(sample.data)) {
      if (field === 'bodyId') continue;
      const kind =
        typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
      for (const wrong of WRONG_VALUES[kind]) {
        const event = fresh(sample);
        event.data[field] = wrong;
        postEvent('wrong-type', `${type}.data.${field} = ${JSON.stringify(wrong)}`, event);
      }
      if (typeof value === 'number') {
        for (const number of OUT_OF_RANGE) {
          const event = fresh(sample);
          event.data[field] = number;
          postEvent('out-of-range-number', `${type}.data.${field} = ${number}`, event);
        }
        for (const raw of OUT_OF_RANGE_RAW) {
          const event = fresh(sample);
          event.data[field] = 0.123456789;
          const text = JSON.stringify({ events: batchAround(event) }).replace('0.123456789', raw);
          postRaw('out-of-range-number', `${type}.data.${field} = ${raw}`, Buffer.from(text));
        }
      }
      if (typeof value === 'string') {
        for (const text of [`${value}\u0000`, `\u0000`, `${value}\u0007\u001b[2J`]) {
          const event = fresh(sample);
          event.data[field] = text;
          postEvent('injection', `${type}.data.${field} with control characters`, event);
        }
        for (const length of [1_001, 10_000, 100_000]) {
          const event = fresh(sample);
          event.data[field] = pick(random, ['x', 'あ', '𠮷']).repeat(length);
          postEvent('huge', `${type}.data.${field} of ${length} characters`, event);
        }
      }
    }
    for (const field of input.requiredFields[type] ?? []) {
      const event = fresh(sample);
      delete event.data[field];
      postEvent('missing-field', `${type} without data.${field}`, event);
    }
    const extras: [string, unknown][] = [
      ['envelope.note', { ...fresh(sample), note: 'extra' }],
      ['envelope.schemaVersion', { ...fresh(sample), schemaVersion: 1 }],
      ['envelope.recordedAt', { ...fresh(sample), recordedAt: '2023-06-02T00:00:00Z' }],
      ['envelope.metadata', { ...fresh(sample), metadata: { recordedBy: 'someone-else' } }],
      ['data.unknownField', { ...fresh(sample), data: { ...sample.data, unknownField: 1 } }],
      ['data.recordedBy', { ...fresh(sample), data: { ...sample.data, recordedBy: 'x' } }],
      ['data.personName', { ...fresh(sample), data: { ...sample.data, personName: '山田太郎' } }],
      [
        'data.__proto__',
        JSON.parse(
          `{"id":"${uuid()}","type":"${type}","occurredOn":"${sample.occurredOn}","data":${JSON.stringify(sample.data).replace(/^\{/, '{"__proto__":{"admin":true},')}}`,
        ),
      ],
      [
        'data.constructor',
        { ...fresh(sample), data: { ...sample.data, constructor: { prototype: { admin: true } } } },
      ],
    ];
    for (const [what, event] of extras) postEvent('extra-field', `${type} with ${what}`, event);
    for (const date of IMPOSSIBLE_DATES)
      postEvent('impossible-date', `${type}.occurredOn = ${JSON.stringify(date)}`, {
        ...fresh(sample),
        occurredOn: date,
      });
    postJson('extra-field', `${type} in a body with an extra member`, {
      events: [fresh(sample)],
      dryRun: true,
    });
  }

  for (const name of UNKNOWN_TYPES) {
    postEvent('unknown-event-type', `type ${JSON.stringify(name)} with valid data`, {
      ...anySample(),
      type: name,
    });
    postEvent('unknown-event-type', `type ${JSON.stringify(name)} with empty data`, {
      id: uuid(),
      type: name,
      occurredOn: '2023-06-02',
      data: {},
    });
  }

  for (const injection of INJECTIONS) {
    for (const field of INJECTION_FIELDS) {
      const event = anySample();
      if (field.startsWith('data.')) event.data[field.slice(5)] = injection;
      else (event as unknown as Record<string, unknown>)[field] = injection;
      postEvent('injection', `${field} = ${JSON.stringify(injection)}`, event);
    }
    corpus.push({
      category: 'injection',
      what: `Authorization key ${JSON.stringify(injection)}`,
      method: 'POST',
      path: '/v1/events',
      caller: 'malformed-key',
      body: Buffer.from(JSON.stringify({ events: [anySample()] })),
    });
  }

  for (let i = 0; i < 120; i++) {
    const events = Array.from({ length: 2 + Math.floor(random() * 5) }, anySample);
    const copies = 1 + Math.floor(random() * (events.length - 1));
    for (let c = 1; c <= copies; c++) events[c].id = events[0].id;
    if (i % 4 === 0) events.reverse();
    postJson('duplicate-ids', `${copies + 1} events sharing id ${events[0].id}`, { events });
  }
  for (let i = 0; i < 20; i++) {
    const events = [anySample(), anySample()];
    events[1].id = events[0].id.toUpperCase();
    postJson('duplicate-ids', 'an id repeated in upper case', { events });
  }

  const envelopes: [string, string][] = [
    ['empty body', ''],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"events"'],
    ['true', 'true'],
    ['an array', '[]'],
    ['an array of events', JSON.stringify([anySample()])],
    ['an empty object', '{}'],
    ['events null', '{"events":null}'],
    ['events an object', `{"events":${JSON.stringify(anySample())}}`],
    ['events a string', '{"events":"all"}'],
    ['no events', '{"events":[]}'],
    ['events of nulls', '{"events":[null,null]}'],
    ['events of numbers', '{"events":[1,2,3]}'],
    ['events of arrays', '{"events":[[],[]]}'],
    ['events of strings', '{"events":["ConsultationHandled"]}'],
    ['a single event', JSON.stringify(anySample())],
    ['events twice, the second empty', `{"events":[${JSON.stringify(anySample())}],"events":[]}`],
    ['events and event', `{"event":${JSON.stringify(anySample())}}`],
    ['1001 events', JSON.stringify({ events: Array.from({ length: 1001 }, anySample) })],
    ['5000 events', JSON.stringify({ events: Array.from({ length: 5000 }, anySample) })],
  ];
  for (const [what, text] of envelopes) postRaw('bad-envelope', what, Buffer.from(text));

  const valid = () => JSON.stringify({ events: [anySample(), anySample()] });
  for (let i = 0; i < 400; i++) {
    const text = valid();
    const cut = 1 + Math.floor(random() * (text.length - 2));
    postBroken(`truncated at ${cut}`, Buffer.from(text.slice(0, cut)));
  }
  const breakers: [string, (text: string) => string][] = [
    ['trailing comma', (t) => t.replace(/}]}$/, '},]}')],
    ['single quotes', (t) => t.replace(/"/g, "'")],
    ['unquoted keys', (t) => t.replace(/"(\w+)":/g, '$1:')],
    ['NaN', (t) => t.replace(/^\{/, '{"n":NaN,')],
    ['Infinity', (t) => t.replace(/^\{/, '{"n":Infinity,')],
    ['a comment', (t) => `/* events */${t}`],
    ['two documents', (t) => `${t}${t}`],
    ['a raw control character', (t) => t.replace('"2023', '"\u00012023')],
    ['a raw newline in a string', (t) => t.replace('"2023', '"\n2023')],
    ['a bad escape', (t) => t.replace('"2023', '"\\x41 2023')],
    ['a short unicode escape', (t) => t.replace('"2023', '"\\u12 2023')],
    ['garbage after the document', (t) => `${t} garbage`],
    ['undefined', (t) => t.replace(/^\{/, '{"u":undefined,')],
    ['hex number', (t) => t.replace(/^\{/, '{"h":0x10,')],
    ['leading zeros', (t) => t.replace(/^\{/, '{"z":0012,')],
  ];
  for (const [what, breakIt] of breakers)
    for (let i = 0; i < 10; i++) postBroken(what, Buffer.from(breakIt(valid())));
  for (let i = 0; i < 300; i++) {
    const bytes = Buffer.from(valid());
    const flips = 1 + Math.floor(random() * 4);
    for (let f = 0; f < flips; f++)
      bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    postBroken(`${flips} random bytes`, bytes);
  }

  const badUtf8: [string, number[]][] = [
    ['a lone continuation byte', [0x80]],
    ['0xff', [0xff]],
    ['0xfe 0xff', [0xfe, 0xff]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong NUL', [0xc0, 0x80]],
    ['a truncated 3-byte sequence', [0xe3, 0x81]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a 5-byte sequence', [0xf8, 0x88, 0x80, 0x80, 0x80]],
    ['latin-1 text', [0xe9, 0x74, 0xe9]],
    ['Shift_JIS text', [0x8d, 0x82, 0x92, 0x6d]],
  ];
  for (const [what, bytes] of badUtf8) {
    for (const field of [
      'id',
      'type',
      'occurredOn',
      'data.municipalityCode',
      'data.personId',
      'key',
    ]) {
      const event = anySample();
      const marker = 'XXMARKERXX';
      if (field === 'key') {
        const text = `{"events":[${JSON.stringify(event)}],"${marker}":1}`;
        const [before, after] = text.split(marker);
        postRaw(
          'invalid-utf8',
          `${what} in a member name`,
          Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]),
        );
        continue;
      }
      if (field.startsWith('data.')) event.data[field.slice(5)] = marker;
      else (event as unknown as Record<string, unknown>)[field] = marker;
      const [before, after] = JSON.stringify({ events: batchAround(event) }).split(marker);
      postRaw(
        'invalid-utf8',
        `${what} in ${field}`,
        Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]),
      );
    }
  }
  for (const charset of ['utf-16', 'utf-16le', 'latin1', 'shift_jis', 'ebcdic', 'x-unknown']) {
    postRaw(
      'invalid-utf8',
      `charset=${charset}`,
      Buffer.from(valid()),
      `application/json; charset=${charset}`,
    );
  }
  postRaw('invalid-utf8', 'a UTF-16 body', Buffer.from(valid(), 'utf16le'));
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/octet-stream',
    'application/problem+json',
    'application/json-patch+json',
    '',
    'garbage',
  ]) {
    postRaw(
      'bad-envelope',
      `Content-Type ${JSON.stringify(contentType)}`,
      Buffer.from(valid()),
      contentType,
    );
  }

  for (const depth of [64, 500, 2_000, 10_000, 100_000]) {
    const nest = (open: string, close: string, inner: string) =>
      open.repeat(depth) + inner + close.repeat(depth);
    postRaw(
      'deep-nesting',
      `data ${depth} objects deep`,
      Buffer.from(
        JSON.stringify({ events: [{ ...anySample(), data: 'DEEP' }] }).replace(
          '"DEEP"',
          nest('{"a":', '}', '1'),
        ),
      ),
    );
    postRaw(
      'deep-nesting',
      `a field ${depth} arrays deep`,
      Buffer.from(
        JSON.stringify({ events: [anySample()] }).replace(
          /\}\]\}$/,
          `,"nested":${nest('[', ']', '1')}}]}`,
        ),
      ),
    );
    postRaw(
      'deep-nesting',
      `events ${depth} arrays deep`,
      Buffer.from(`{"events":${nest('[', ']', '')}}`),
    );
    postRaw('deep-nesting', `the body ${depth} arrays deep`, Buffer.from(nest('[', ']', '')));
    const event = anySample();
    postRaw(
      'deep-nesting',
      `data.${Object.keys(event.data)[0]} ${depth} objects deep`,
      Buffer.from(
        JSON.stringify({ events: [event] }).replace(
          `"${Object.keys(event.data)[0]}":`,
          `"${Object.keys(event.data)[0]}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"ignored":`,
        ),
      ),
    );
  }

  const mb = 1024 * 1024;
  for (const size of [4 * mb + 1, 5 * mb, 16 * mb]) {
    postJson('huge', `a body of ${size} bytes`, {
      events: [{ ...anySample(), data: { padding: 'x'.repeat(size) } }],
    });
    postRaw('huge', `${size} bytes of whitespace`, Buffer.alloc(size, 0x20));
  }
  postJson('huge', '1000 events with 3 KB of text each', {
    events: Array.from({ length: 1000 }, () => ({ ...anySample(), note: 'ノ'.repeat(1000) })),
  });
  postRaw('huge', 'a 3 MB member name', Buffer.from(`{"${'k'.repeat(3 * mb)}":1}`));
  postRaw(
    'huge',
    '200 000 members',
    Buffer.from(`{${Array.from({ length: 200_000 }, (_, i) => `"m${i}":${i}`).join(',')}}`),
  );
  postRaw(
    'huge',
    'an id of 1 MB',
    Buffer.from(JSON.stringify({ events: [{ ...anySample(), id: 'a'.repeat(mb) }] })),
  );

  const callers: Caller[] = ['none', 'malformed-key', 'wrong-secret', 'analyst', 'auditor'];
  for (const caller of callers)
    for (let i = 0; i < 40; i++)
      postJson('bad-key', `as ${caller}`, { events: [anySample()] }, caller);
  for (let i = 0; i < 40; i++) {
    const event = anySample();
    event.data.bodyId = pick(random, [
      'regional-support-center',
      'board-of-education',
      'nobody',
      'PEER-SUPPORT-CENTER',
    ]);
    postJson(
      'bad-key',
      `a recorder recording for ${event.data.bodyId}`,
      { events: [event] },
      'recorder',
    );
  }
  for (let i = 0; i < 40; i++) {
    const event = anySample();
    event.data.bodyId = pick(random, [
      'nobody',
      'peer_support_center',
      'x'.repeat(200),
      'ｐｅｅｒ',
    ]);
    postJson('bad-key', `an admin recording for ${event.data.bodyId}`, { events: [event] });
  }

  addQueryRequests(corpus, input.routes, random);

  for (let round = 0; corpus.length < input.size; round++) {
    const base = corpus[Math.floor(random() * corpus.length)];
    if (base.method !== 'POST' || base.path !== '/v1/events' || base.category === 'bad-key')
      continue;
    corpus.push({
      ...base,
      what: `${base.what} (again as ${round % 2 ? 'recorder' : 'admin'})`,
      caller: round % 2 ? 'recorder' : 'admin',
    });
  }
  return corpus;
}

/** An empty value means the parameter is absent, so it is not among these. */
const BAD_QUERY_VALUES = [
  'abc',
  '-1',
  '0',
  '1.5',
  '1e400',
  '99999999999999999999999',
  '2023-02-30',
  '2023-13-01',
  '2023-06-02T25:61:00+09:00',
  '2023-06-02T00:00:00',
  'yesterday',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '%',
  '%E0%A4%A',
  '%FF%FE',
  '%C0%AF',
  '%ED%A0%80',
  '%00',
  "'; DROP TABLE event_store.events; --",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/x}',
  '__proto__',
  'x'.repeat(4000),
  '1'.repeat(3000),
];

const PATH_VALUES = [
  'nonexistent',
  '%',
  '%E0%A4%A',
  '%FF',
  '%C0%AF',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '__proto__',
  'constructor',
  "'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  '-1',
  '1e400',
  '99999999999999999999',
  'recording-' + 'x'.repeat(2000),
  '%F0%9F%92%A9',
];

/** Whether a body is JSON after all: a byte order mark is allowed (RFC 8259 §8.1) and ignored. */
function parses(body: Buffer): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body).replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}

function addQueryRequests(
  corpus: MalformedRequest[],
  routes: CorpusInput['routes'],
  random: () => number,
): void {
  const encode = (value: string) => (/%/.test(value) ? value : encodeURIComponent(value));
  for (const route of routes) {
    const callers: Caller[] = route.method === 'POST' ? ['admin'] : ['auditor', 'analyst', 'admin'];
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const fill = (override?: [string, string]) =>
      route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        override && override[0] === name ? override[1] : encodeURIComponent(sampleParam(name)),
      );
    for (const name of pathParams) {
      for (const value of PATH_VALUES) {
        corpus.push({
          category: 'bad-path',
          what: `${route.path} ${name}=${value}`,
          method: route.method,
          path: fill([name, value]),
          caller: pick(random, callers),
        });
      }
    }
    // Only documented parameters: an unknown one is ignored, as HTTP allows, and answered 200.
    for (const name of route.query) {
      for (const value of BAD_QUERY_VALUES) {
        corpus.push({
          category: 'bad-query',
          what: `${route.method} ${route.path}?${name}=${value.slice(0, 40)}`,
          method: route.method,
          path: `${fill()}?${name}=${encode(value)}`,
          caller: pick(random, callers),
        });
      }
      corpus.push({
        category: 'bad-query',
        what: `${route.path}?${name} twice`,
        method: route.method,
        path: `${fill()}?${name}=1&${name}=2`,
        caller: pick(random, callers),
      });
      corpus.push({
        category: 'bad-query',
        what: `${route.path}?${name}[]`,
        method: route.method,
        path: `${fill()}?${name}[a]=1&${name}[b][c]=2`,
        caller: pick(random, callers),
      });
    }
    const badCallers: Caller[] = route.public ? [] : ['none', 'malformed-key', 'wrong-secret'];
    for (const caller of badCallers) {
      corpus.push({
        category: 'bad-key',
        what: `${route.method} ${route.path} as ${caller}`,
        method: route.method,
        path: fill(),
        caller,
      });
    }
    if (route.method === 'POST') {
      corpus.push({
        category: 'invalid-json',
        what: `${route.path} with a broken body`,
        method: 'POST',
        path: fill(['fiscalYear', 'abc']),
        caller: 'admin',
        body: Buffer.from('{"force":'),
      });
    }
  }
}

/** A plausible value for a path parameter, so only the one under test is wrong. */
function sampleParam(name: string): string {
  if (name === 'fiscalYear') return 'not-a-year';
  if (name === 'metricId') return 'consultations';
  if (name === 'streamId') return 'plan-kochi';
  return 'x';
}
