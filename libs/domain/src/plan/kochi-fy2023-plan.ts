import { SUPPORT_CENTER_BLOCKS, WELFARE_OFFICE_AREAS } from '../places/kochi-groupings';
import { DEFAULT_GRADING_BANDS } from './achievement';
import { KOCHI_BODIES } from './kochi-bodies';
import { MeasureDefined, PlanEvent } from './plan-event';

/** Metric ids the KPIs are computed from (defined in the metric catalogue). */
export const KPI1_METRIC_ID = 'kpi1-ice-age-social-participation';
export const KPI2_METRIC_ID = 'kpi2-festa-ice-age-learned-of-desk';

const PREFECTURE_AND_MUNICIPALITIES = [
  'child-welfare-policy-dept',
  'prefectural-welfare-council',
  'mayors-associations',
  'municipal-welfare-councils',
];

const MEASURES: readonly MeasureDefined['data'][] = [
  {
    measureId: '1',
    numbering: '①',
    title: '課題やニーズの把握',
    description:
      '令和2年度に県が実施したひきこもり実態把握調査の結果などを踏まえ、ひきこもりの状態にある方やその家族が抱える課題やニーズを把握し、地域での支援につなげる。',
    implementingBodyIds: ['child-welfare-policy-dept', 'mayors-associations'],
    grantFunded: false,
  },
  {
    measureId: '2a',
    numbering: '②ア',
    title: '市町村の包括的な支援体制構築に向けた支援',
    description:
      'ひきこもりの方等やその家族が抱える複合的な課題を解消するため、地域の多機関の協働による支援体制（市町村プラットフォーム）づくりを支援する。',
    implementingBodyIds: PREFECTURE_AND_MUNICIPALITIES,
    grantFunded: false,
  },
  {
    measureId: '2b',
    numbering: '②イ',
    title: '市町村の包括的な支援体制構築に向けた支援',
    description:
      '地域における関係機関の協働による取組を活性化するため、好事例の横展開などの積極的な協力を行う。',
    implementingBodyIds: PREFECTURE_AND_MUNICIPALITIES,
    grantFunded: false,
  },
  {
    measureId: '3a',
    numbering: '③ア',
    title: '伴走型支援の充実や窓口の多様化',
    description:
      '自立相談支援機関に、訪問による相談支援を行うアウトリーチ支援員を配置するなど、訪問支援体制を強化する。',
    implementingBodyIds: PREFECTURE_AND_MUNICIPALITIES,
    grantFunded: false,
  },
  {
    measureId: '3b',
    numbering: '③イ',
    title: '伴走型支援の充実や窓口の多様化',
    description:
      '相談窓口の多様化を図るため、専門職による相談支援機関に加え、ひきこもり元当事者等（ピア）による相談支援窓口を設置する。',
    // The column names the department; the desk is the peer support center it commissions.
    implementingBodyIds: ['child-welfare-policy-dept', 'peer-support-center'],
    grantFunded: true,
  },
  {
    measureId: '3c',
    numbering: '③ウ',
    title: '伴走型支援の充実や窓口の多様化',
    description:
      '高知県ひきこもり地域支援センターにおいて、市町村の窓口や関係機関に対する専門的なアドバイスを行うとともに、家族支援のためのセミナーや相談会の開催などの支援を行う。',
    implementingBodyIds: ['child-welfare-policy-dept', 'regional-support-center'],
    grantFunded: false,
  },
  {
    measureId: '4',
    numbering: '④',
    title: '支援に係る人材の育成、資質向上',
    description:
      '自立相談支援機関の相談支援員の養成研修や、高知県ひきこもり地域支援センターによる支援者向けの研修会などにより、支援に係る人材の育成、資質の向上を図る。',
    implementingBodyIds: PREFECTURE_AND_MUNICIPALITIES,
    grantFunded: false,
  },
  {
    measureId: '5a',
    numbering: '⑤ア',
    title: '多様な社会参加に向けた支援',
    description: '地域の社会資源を活用し、ひきこもりの方等の居場所の拡大を図る。',
    implementingBodyIds: PREFECTURE_AND_MUNICIPALITIES,
    grantFunded: false,
  },
  {
    measureId: '5b',
    numbering: '⑤イ',
    title: '多様な社会参加に向けた支援',
    description:
      '就労体験拠点でひきこもりの人等の就労体験等の機会を確保し、若者サポートステーションの職場開拓により受入事業所を広げる。',
    implementingBodyIds: [
      'child-welfare-policy-dept',
      'board-of-education',
      'kochi-labour-bureau',
      'hello-work-kochi',
    ],
    grantFunded: true,
  },
  {
    measureId: '5c',
    numbering: '⑤ウ',
    title: '多様な社会参加に向けた支援',
    description:
      'ひきこもりの方等に係る就労体験等の機会確保及び受入体制整備について、業界団体や企業等へ要請を行うとともに、好事例等の収集・提供など必要な支援を行う。また、これらの取組に必要な施策を県プラットフォームに提案する。',
    implementingBodyIds: [
      'chamber-of-commerce-federation',
      'commerce-association-federation',
      'sme-central-association',
      'employers-association',
      'kochi-labour-bureau',
      'hello-work-kochi',
      'child-welfare-policy-dept',
      'board-of-education',
    ],
    grantFunded: false,
  },
];

/**
 * The FY2023 plan as the report states it, in the order it is appended to `PLAN_STREAM`.
 *
 * The report does not print the plan period of KPI①'s goal of 54; it is recorded here as
 * FY2020–FY2024, the national ice-age-generation programme's period including its second
 * stage. KPI②'s programme ended in FY2023, so its goal and annual target coincide. Both are
 * plan facts that a later KpiTargetSet can revise.
 */
export function initialPlanEvents(): PlanEvent[] {
  return [
    ...KOCHI_BODIES.map((data): PlanEvent => ({ type: 'BodyRegistered', data })),
    ...[WELFARE_OFFICE_AREAS, SUPPORT_CENTER_BLOCKS].map((grouping): PlanEvent => ({
      type: 'GroupingDefined',
      data: grouping,
    })),
    ...MEASURES.map((data): PlanEvent => ({ type: 'MeasureDefined', data })),
    {
      type: 'KpiDefined',
      data: {
        kpiId: 'KPI1',
        numbering: '①',
        definition:
          '本事業において、就職氷河期世代のひきこもり当事者が社会参加（就労体験及び就労訓練等への参加）につながった人数',
        metricId: KPI1_METRIC_ID,
        measureIds: ['4', '5b'],
        unit: '人',
      },
    },
    {
      type: 'KpiDefined',
      data: {
        kpiId: 'KPI2',
        numbering: '②',
        definition:
          '「高知家地域共生社会フェスタ」におけるアンケート調査にて、「当フェスタに参加して、ひきこもり支援の相談窓口を知った」と回答した就職氷河期世代の人数',
        metricId: KPI2_METRIC_ID,
        measureIds: ['2b'],
        unit: '人',
      },
    },
    {
      type: 'KpiTargetSet',
      data: {
        kpiId: 'KPI1',
        kind: 'cumulative',
        fromFiscalYear: 2020,
        toFiscalYear: 2024,
        value: 54,
      },
    },
    { type: 'KpiTargetSet', data: { kpiId: 'KPI1', kind: 'annual', fiscalYear: 2023, value: 22 } },
    {
      type: 'KpiTargetSet',
      data: {
        kpiId: 'KPI2',
        kind: 'cumulative',
        fromFiscalYear: 2023,
        toFiscalYear: 2023,
        value: 100,
      },
    },
    { type: 'KpiTargetSet', data: { kpiId: 'KPI2', kind: 'annual', fiscalYear: 2023, value: 100 } },
    {
      type: 'GradingBandsSet',
      data: { effectiveFromFiscalYear: 2023, bands: DEFAULT_GRADING_BANDS },
    },
  ];
}
