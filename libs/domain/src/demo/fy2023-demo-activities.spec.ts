import { validateActivity } from '../activities/validate-activity';
import { isEventId } from '../activities/field-rule';
import { municipalityCodesOfMember } from '../places/grouping';
import { SUPPORT_CENTER_BLOCKS } from '../places/kochi-groupings';
import { achievementRate, gradeFor } from '../plan/achievement';
import { initialPlanEvents } from '../plan/kochi-fy2023-plan';
import { annualTargetOf, gradingBandsFor, planFrom } from '../plan/plan-state';
import { evaluateMetrics, percentShare } from '../metrics/evaluate-metrics';
import { METRICS, metricById } from '../metrics/metric-catalogue';
import { fy2023DemoActivities } from './fy2023-demo-activities';

/** The figures as the FY2023 report (seed/000_607908b9557e394d.txt) states them. */
const REPORTED_FY2023 = {
  'municipalities-surveyed': 7, // ７市町村
  'top-seminars': 1, // トップセミナー：令和５年６月２日
  'mayors-visited': 34, // 全市町村長訪問
  'block-exchange-meetings': 7, // ７ブロック
  'block-exchange-municipalities': 33, // 33市町村を７ブロックに分けて実施
  'adviser-dispatch-municipalities': 5, // ５市町が活用
  'integrated-programme-municipalities': 19, // 令和５年度は19市町村
  'integrated-programme-intending-municipalities': 24, // 令和６年度実施意向は24市町村
  'festa-participants': 468, // 参加者延べ468人
  'declaration-signatories': 102, // 令和５年度末時点で、102団体
  'declaration-signatories-at-festa': 98, // 98団体が共同宣言
  'declaration-district-welfare-councils-at-festa': 42, // 42の民生委員児童委員協議会
  'declaration-companies-at-festa': 56, // 56の民間企業・団体
  'kpi2-festa-ice-age-learned-of-desk': 23, // KPI② 23人
  'outreach-home-visits': 228, // 自宅等訪問件数（延べ）：228件
  'outreach-person-contacts': 357, // 本人との接触件数（延べ）：357件
  'outreach-family-contacts': 98, // 家族（本人以外）との接触件数（延べ）：98件
  'outreach-support-plans': 1, // 支援プラン作成件数：1件
  'peer-consultations-ice-age': 283, // 就職氷河期世代相談実績：283件
  'peer-referrals': 1, // つなぎ先：1件
  'liaison-meetings': 3, // 年３回
  'liaison-meeting-attendees-central': 31, // 中央ブロック（令和5年6月8日開催）：31名
  'liaison-meeting-attendees-west': 29, // 西ブロック（令和5年6月16日開催）：29名
  'liaison-meeting-attendees-east': 41, // 東ブロック（令和5年6月28日開催）：41名
  'support-center-training-sessions': 2, // ひきこもり支援に関する研修会（年2回）
  'training-completions-chief-consultation-support-worker': 2, // 主任相談支援員 ２名
  'training-completions-consultation-support-worker': 4, // 相談支援員 ４名
  'training-completions-employment-support-worker': 3, // 就労支援員・就労準備支援事業従事者 ３名
  'training-completions-household-finance-support-worker': 5, // 家計改善支援員 ５名
  'training-completions-theme-isolation-outreach': 2, // テーマ別研修（孤独孤立…）２名
  'training-completions-theme-children-families': 2, // テーマ別研修（子どもと家族…）２名
  'training-completions-national-later-part': 27, // 国研修の後期研修 27名
  'prefectural-training-attendees-round-1': 56, // 第１回 受講人数 56名
  'prefectural-training-attendees-round-2': 51, // 第２回 受講人数 51名
  'difficult-case-training-venues': 3, // 県内3カ所で開催
  'difficult-case-training-attendees': 44, // 受講人数 44名
  'place-subsidies': 4, // 交付先：4団体
  'community-centers-offering-place': 7, // 居場所の実施：7拠点
  'community-centers-offering-work-experience': 4, // 就労体験の実施：4拠点
  'work-experience-bases': 3, // 就労体験拠点３拠点
  'work-experience-participants': 19, // 就労体験者数：19名
  'kpi1-ice-age-social-participation': 4, // うち、氷河期世代4名 / KPI① 4人
  'employment-started': 11, // 一般就労に結びついた人数：11名
  'employment-started-ice-age': 2, // うち、氷河期世代2名
  'employment-started-agriculture': 6, // 農業6
  'employment-started-fisheries': 1, // 水産業1
  'employment-started-wholesale': 1, // 卸売業１
  'employment-started-care': 1, // 介護1
  'employment-started-sales': 1, // 販売１
  'employment-started-security-services': 1, // サービス（警備）1
  'employer-visits': 130, // 職場開拓訪問延べ件数 130件
  'employers-visited': 72, // 職場開拓訪問実件数 72件
  'workplaces-developed': 64, // 職場開拓数 64件
};

describe('FY2023 demo activities', () => {
  const activities = fy2023DemoActivities();
  const figures = evaluateMetrics(activities, METRICS, { fiscalYear: 2023 });

  it('reproduces every figure the FY2023 report states', () => {
    const reported = Object.fromEntries(
      Object.keys(REPORTED_FY2023).map((id) => [id, figures[id]]),
    );
    expect(reported).toEqual(REPORTED_FY2023);
  });

  it('reproduces the FY2022 count the report restates: 令和４年度は６市町', () => {
    expect(
      evaluateMetrics(activities, [metricById('integrated-programme-municipalities')], {
        fiscalYear: 2022,
      }),
    ).toEqual({ 'integrated-programme-municipalities': 6 });
  });

  it('reproduces the survey shares: ひきこもり 17%, 孤独・孤立 15%', () => {
    const answers = figures['festa-survey-answers'];
    expect(percentShare(figures['festa-survey-top-issue-hikikomori'], answers)).toBe(17);
    expect(percentShare(figures['festa-survey-top-issue-isolation'], answers)).toBe(15);
  });

  it('reproduces the subsidy split: 高知市2、西部2', () => {
    const subsidies = [metricById('place-subsidies')];
    expect(
      evaluateMetrics(activities, subsidies, { fiscalYear: 2023, municipalityCodes: ['39201'] }),
    ).toEqual({
      'place-subsidies': 2,
    });
    const west = municipalityCodesOfMember(SUPPORT_CENTER_BLOCKS, 'west');
    expect(
      evaluateMetrics(activities, subsidies, { fiscalYear: 2023, municipalityCodes: west }),
    ).toEqual({
      'place-subsidies': 2,
    });
  });

  it('grades both KPIs D against the plan, as the report does', () => {
    const plan = planFrom(initialPlanEvents());
    const grades = ['KPI1', 'KPI2'].map((kpiId) => {
      const actual = figures[plan.kpis[kpiId].metricId];
      const rate = achievementRate(actual, annualTargetOf(plan, kpiId, 2023) ?? 0);
      return [kpiId, actual, rate === null ? null : gradeFor(rate, gradingBandsFor(plan, 2023))];
    });
    expect(grades).toEqual([
      ['KPI1', 4, 'D'],
      ['KPI2', 23, 'D'],
    ]);
  });

  it('carries corrections that the figures honour', () => {
    expect(activities.filter((a) => a.type === 'RecordRetracted')).toHaveLength(1);
    expect(activities.filter((a) => a.data.supersedes !== undefined)).toHaveLength(1);
    expect(
      activities.filter(
        (a) => a.type === 'ConsultationHandled' && a.data.iceAgeGeneration === true,
      ),
    ).toHaveLength(284);
    expect(
      activities.filter((a) => a.type === 'ConsultationHandled' && a.schemaVersion === 1).length,
    ).toBeGreaterThan(0);
  });

  it('passes the domain validation, event by event', () => {
    const invalid = activities
      .map((a) => ({
        id: a.id,
        type: a.type,
        errors: validateActivity(a.type, a.schemaVersion, a.data),
      }))
      .filter((a) => a.errors.length > 0);
    expect(invalid).toEqual([]);
    expect(activities.every((a) => a.bodyId === a.data.bodyId)).toBe(true);
  });

  it('has unique, valid, repeatable ids and dates in FY2023 apart from the restated FY2022 facts', () => {
    const ids = activities.map((a) => a.id);
    expect(ids.every(isEventId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(fy2023DemoActivities()).toEqual(activities);
    const dates = activities.map((a) => a.data.occurredOn as string);
    expect(dates.filter((d) => d < '2023-04-01')).toEqual(Array(6).fill('2022-04-01'));
    expect(dates.every((d) => d <= '2024-03-31')).toBe(true);
    expect([...dates].sort()).toEqual(dates);
  });

  it('puts the Festa declarations on 2023-10-07 and spreads consultations over every month', () => {
    const festaDeclarations = activities.filter(
      (a) => a.type === 'DeclarationSigned' && a.data.occurredOn === '2023-10-07',
    );
    expect(festaDeclarations).toHaveLength(98);
    const months = new Set(
      activities
        .filter((a) => a.type === 'ConsultationHandled')
        .map((a) => (a.data.occurredOn as string).slice(0, 7)),
    );
    expect(months.size).toBe(12);
  });
});
