import { BodyRegistered } from './plan-event';

/** 実施機関及び関係機関 of the FY2023 report, plus the bodies its results name. */
export const KOCHI_BODIES: readonly BodyRegistered['data'][] = [
  {
    bodyId: 'child-welfare-policy-dept',
    name: '高知県子ども・福祉政策部',
    nameEn: 'Child and Welfare Policy Department',
  },
  {
    bodyId: 'board-of-education',
    name: '高知県教育委員会',
    nameEn: 'Kochi Prefectural Board of Education',
  },
  {
    bodyId: 'prefectural-welfare-council',
    name: '高知県社会福祉協議会',
    nameEn: 'Kochi Prefectural Social Welfare Council',
  },
  {
    bodyId: 'mayors-associations',
    name: '高知県市長会・高知県町村会（市町村）',
    nameEn: 'Kochi Mayors’ Associations (the municipalities)',
  },
  {
    bodyId: 'municipal-welfare-councils',
    name: '各市町村社会福祉協議会',
    nameEn: 'Municipal Social Welfare Councils',
  },
  {
    bodyId: 'peer-support-center',
    name: 'ひきこもりピアサポートセンター',
    nameEn: 'Hikikomori Peer Support Center',
  },
  {
    bodyId: 'regional-support-center',
    name: '高知県ひきこもり地域支援センター',
    nameEn: 'Kochi Regional Hikikomori Support Center',
  },
  {
    bodyId: 'mental-health-welfare-center',
    name: '高知県立精神保健福祉センター',
    nameEn: 'Mental Health and Welfare Center',
  },
  { bodyId: 'kochi-labour-bureau', name: '高知労働局', nameEn: 'Kochi Labour Bureau' },
  {
    bodyId: 'hello-work-kochi',
    name: '高知公共職業安定所',
    nameEn: 'Hello Work Kochi (public employment office)',
  },
  {
    bodyId: 'chamber-of-commerce-federation',
    name: '高知県商工会議所連合会',
    nameEn: 'Kochi Federation of Chambers of Commerce',
  },
  {
    bodyId: 'commerce-association-federation',
    name: '高知県商工会連合会',
    nameEn: 'Kochi Federation of Societies of Commerce and Industry',
  },
  {
    bodyId: 'sme-central-association',
    name: '高知県中小企業団体中央会',
    nameEn: 'Kochi Central Association of SME Organisations',
  },
  {
    bodyId: 'employers-association',
    name: '高知県経営者協会',
    nameEn: 'Kochi Employers’ Association',
  },
];
