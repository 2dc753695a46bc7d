/**
 * Kochi Prefecture's 34 municipalities, keyed by their 5-digit JIS X 0401/0402 code (the
 * code without its check digit, as the prefecture's own tables use it).
 */
export type MunicipalityKind = 'city' | 'town' | 'village';

export const MUNICIPALITIES = [
  { code: '39201', name: '高知市', kind: 'city' },
  { code: '39202', name: '室戸市', kind: 'city' },
  { code: '39203', name: '安芸市', kind: 'city' },
  { code: '39204', name: '南国市', kind: 'city' },
  { code: '39205', name: '土佐市', kind: 'city' },
  { code: '39206', name: '須崎市', kind: 'city' },
  { code: '39208', name: '宿毛市', kind: 'city' },
  { code: '39209', name: '土佐清水市', kind: 'city' },
  { code: '39210', name: '四万十市', kind: 'city' },
  { code: '39211', name: '香南市', kind: 'city' },
  { code: '39212', name: '香美市', kind: 'city' },
  { code: '39301', name: '東洋町', kind: 'town' },
  { code: '39302', name: '奈半利町', kind: 'town' },
  { code: '39303', name: '田野町', kind: 'town' },
  { code: '39304', name: '安田町', kind: 'town' },
  { code: '39305', name: '北川村', kind: 'village' },
  { code: '39306', name: '馬路村', kind: 'village' },
  { code: '39307', name: '芸西村', kind: 'village' },
  { code: '39341', name: '本山町', kind: 'town' },
  { code: '39344', name: '大豊町', kind: 'town' },
  { code: '39363', name: '土佐町', kind: 'town' },
  { code: '39364', name: '大川村', kind: 'village' },
  { code: '39386', name: 'いの町', kind: 'town' },
  { code: '39387', name: '仁淀川町', kind: 'town' },
  { code: '39401', name: '中土佐町', kind: 'town' },
  { code: '39402', name: '佐川町', kind: 'town' },
  { code: '39403', name: '越知町', kind: 'town' },
  { code: '39405', name: '檮原町', kind: 'town' },
  { code: '39410', name: '日高村', kind: 'village' },
  { code: '39411', name: '津野町', kind: 'town' },
  { code: '39412', name: '四万十町', kind: 'town' },
  { code: '39424', name: '大月町', kind: 'town' },
  { code: '39427', name: '三原村', kind: 'village' },
  { code: '39428', name: '黒潮町', kind: 'town' },
] as const satisfies readonly { code: string; name: string; kind: MunicipalityKind }[];

export type Municipality = (typeof MUNICIPALITIES)[number];
export type MunicipalityCode = Municipality['code'];
export type MunicipalityName = Municipality['name'];

const BY_CODE: ReadonlyMap<string, Municipality> = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
const BY_NAME: ReadonlyMap<string, Municipality> = new Map(MUNICIPALITIES.map((m) => [m.name, m]));

export function isMunicipalityCode(value: unknown): value is MunicipalityCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

export function municipalityByCode(code: MunicipalityCode): Municipality {
  const municipality = BY_CODE.get(code);
  if (!municipality) throw new RangeError(`unknown municipality code: ${code}`);
  return municipality;
}

/** Lets data tables be written with the names the report uses, checked at load time. */
export function municipalityCodeOf(name: MunicipalityName): MunicipalityCode {
  const municipality = BY_NAME.get(name);
  if (!municipality) throw new RangeError(`unknown municipality name: ${name}`);
  return municipality.code;
}
