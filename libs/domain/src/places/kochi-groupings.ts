import { Grouping } from './grouping';
import { MunicipalityCode, MunicipalityName, municipalityCodeOf } from './municipality';

const codes = (...names: MunicipalityName[]): MunicipalityCode[] => names.map(municipalityCodeOf);

const AKI = codes(
  '室戸市',
  '安芸市',
  '東洋町',
  '奈半利町',
  '田野町',
  '安田町',
  '北川村',
  '馬路村',
  '芸西村',
);
const CHUO_HIGASHI = codes('南国市', '香南市', '香美市', '本山町', '大豊町', '土佐町', '大川村');
const CHUO_NISHI = codes('土佐市', 'いの町', '仁淀川町', '佐川町', '越知町', '日高村');
const SUSAKI = codes('須崎市', '中土佐町', '檮原町', '津野町', '四万十町');
const HATA = codes('宿毛市', '土佐清水市', '四万十市', '大月町', '三原村', '黒潮町');
const KOCHI_CITY = codes('高知市');

/** The prefecture's welfare and health office (福祉保健所) areas; 高知市 runs its own. */
export const WELFARE_OFFICE_AREAS: Grouping = {
  groupingId: 'welfare-office-areas',
  name: '福祉保健所圏域',
  members: [
    { memberId: 'aki', name: '安芸', municipalityCodes: AKI },
    { memberId: 'chuo-higashi', name: '中央東', municipalityCodes: CHUO_HIGASHI },
    { memberId: 'kochi-city', name: '高知市', municipalityCodes: KOCHI_CITY },
    { memberId: 'chuo-nishi', name: '中央西', municipalityCodes: CHUO_NISHI },
    { memberId: 'susaki', name: '須崎', municipalityCodes: SUSAKI },
    { memberId: 'hata', name: '幡多', municipalityCodes: HATA },
  ],
};

/** The regional hikikomori support center's blocks, used for its supporter liaison meetings. */
export const SUPPORT_CENTER_BLOCKS: Grouping = {
  groupingId: 'support-center-blocks',
  name: 'ひきこもり地域支援センターのブロック',
  members: [
    { memberId: 'east', name: '東ブロック', municipalityCodes: AKI },
    {
      memberId: 'central',
      name: '中央ブロック',
      municipalityCodes: [...CHUO_HIGASHI, ...KOCHI_CITY, ...CHUO_NISHI],
    },
    { memberId: 'west', name: '西ブロック', municipalityCodes: [...SUSAKI, ...HATA] },
  ],
};
