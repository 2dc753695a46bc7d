import { MeasureId } from '../../plan/measure-id';

/**
 * The training courses the report counts. A course fixes the measure its sessions and
 * completions report under, so the same event types serve ②イ, ③ウ and ④.
 */
export const TRAINING_COURSES = {
  'national-chief-consultation-support-worker': {
    title: '自立相談支援制度人材養成研修（国研修）主任相談支援員',
    measureId: '4',
  },
  'national-consultation-support-worker': {
    title: '自立相談支援制度人材養成研修（国研修）相談支援員',
    measureId: '4',
  },
  'national-employment-support-worker': {
    title: '自立相談支援制度人材養成研修（国研修）就労支援員・就労準備支援事業従事者',
    measureId: '4',
  },
  'national-household-finance-support-worker': {
    title: '自立相談支援制度人材養成研修（国研修）家計改善支援員',
    measureId: '4',
  },
  'national-theme-isolation-outreach': {
    title: 'テーマ別研修（孤独孤立の理解とアウトリーチ相談支援）',
    measureId: '4',
  },
  'national-theme-children-families': {
    title: 'テーマ別研修（生活困窮者支援における子どもと家族支援）',
    measureId: '4',
  },
  'national-later-part': {
    title: '自立相談支援制度人材養成研修（国研修の後期研修）',
    measureId: '4',
  },
  'prefectural-self-reliance-support': {
    title: '生活困窮者自立支援事業従事者研修（都道府県研修）',
    measureId: '4',
  },
  'difficult-case-review': { title: '困難事例検討研修', measureId: '4' },
  'hikikomori-support-training': { title: 'ひきこもり支援に関する研修会', measureId: '3c' },
  'community-social-work-video': { title: '高知家地域共生社会研修（動画研修）', measureId: '2b' },
} as const satisfies Record<string, { title: string; measureId: MeasureId }>;

export type TrainingCourseId = keyof typeof TRAINING_COURSES;

export const TRAINING_COURSE_IDS = Object.keys(TRAINING_COURSES) as TrainingCourseId[];
