import { METRICS, metricById } from '@ledger/domain';
import { isPersonLevel, suppressSmallCounts } from './small-count-suppression';

const row = (metricId: string, key: string, value: number) => ({
  metricId,
  fiscalYear: 2023,
  key,
  value,
});

describe('small-count suppression for analysts', () => {
  it('counts as person-level the records about supported people and distinct people, not places or sessions', () => {
    expect(METRICS.filter(isPersonLevel).map((metric) => metric.id)).toEqual([
      'outreach-home-visits',
      'outreach-person-contacts',
      'outreach-family-contacts',
      'outreach-support-plans',
      'peer-consultations-ice-age',
      'peer-referrals',
      'work-experience-participants',
      'kpi1-ice-age-social-participation',
      'employment-started',
      'employment-started-ice-age',
      'employment-started-agriculture',
      'employment-started-fisheries',
      'employment-started-wholesale',
      'employment-started-care',
      'employment-started-sales',
      'employment-started-security-services',
    ]);
  });

  it('hides 1 and 2 of a person-level metric in a municipality, and keeps 3, other metrics and rows without a municipality', () => {
    const metrics = [
      metricById('employment-started'),
      metricById('work-experience-bases'),
      metricById('outreach-home-visits'),
    ];
    expect(
      suppressSmallCounts(
        [
          row('employment-started', '39201', 1),
          row('employment-started', '39203', 2),
          row('employment-started', '39210', 3),
          row('outreach-home-visits', '', 2),
          row('work-experience-bases', '39201', 1),
        ],
        metrics,
      ),
    ).toEqual([
      {
        metricId: 'employment-started',
        fiscalYear: 2023,
        key: '39201',
        value: null,
        suppressed: true,
      },
      {
        metricId: 'employment-started',
        fiscalYear: 2023,
        key: '39203',
        value: null,
        suppressed: true,
      },
      {
        metricId: 'employment-started',
        fiscalYear: 2023,
        key: '39210',
        value: 3,
        suppressed: false,
      },
      { metricId: 'outreach-home-visits', fiscalYear: 2023, key: '', value: 2, suppressed: false },
      {
        metricId: 'work-experience-bases',
        fiscalYear: 2023,
        key: '39201',
        value: 1,
        suppressed: false,
      },
    ]);
  });

  it('hides the next smallest cell too when only one is hidden, so the total cannot give it away', () => {
    expect(
      suppressSmallCounts(
        [
          row('outreach-home-visits', '39402', 80),
          row('outreach-home-visits', '39403', 1),
          row('outreach-home-visits', '39412', 72),
        ],
        [metricById('outreach-home-visits')],
      ).map((r) => [r.key, r.value, r.suppressed]),
    ).toEqual([
      ['39402', 80, false],
      ['39403', null, true],
      ['39412', null, true],
    ]);
  });
});
