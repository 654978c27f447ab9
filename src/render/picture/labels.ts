import { type T, translator } from '../../i18n/index.ts';
import { type Font, fontOf } from './canvas.ts';

/** Every word on the picture, in the reader's language (the layout is the same in all). */
export type PictureLabels = {
  /** The font of the language: Inter for English, Pretendard for Korean and Vietnamese. */
  font: Font;
  weekdays: string[];
  months: string[];
  streak(days: number): string;
  noStreak: string;
  learner: string;
  /** The header's date, e.g. "Fri 20 Nov 2026". */
  date(weekday: string, day: number, month: string, year: number): string;
  summary(reviews: string, weeks: number, activeDays: string): string;
  reviews(count: number, shown: string): string;
  activeDays(count: number, shown: string): string;
  reviewsPerDay: string;
  currentStreak: string;
  more: string;
  less: string;
  dueNext: string;
  cards(count: number, shown: string): string;
  mastery: string;
  seen: string;
  mastered: string;
  noTopics: string;
  readiness: string;
  readinessSummary(percent: string, answers: number, days: number): string;
  answers(count: number): string;
  covered(percent: string): string;
  lastExams(scores: string): string;
  noExams: string;
};

export function pictureLabels(t: T): PictureLabels {
  return {
    font: fontOf(t.locale === 'en' ? 'latin' : 'cjk'),
    weekdays: t('picture.weekdays').split(','),
    months: t('picture.months').split(','),
    streak: (days) => t('picture.streak', { count: days }),
    noStreak: t('picture.no-streak'),
    learner: t('picture.learner'),
    date: (weekday, day, month, year) => t('picture.date', { weekday, day, month, year }),
    summary: (reviews, weeks, activeDays) => t('picture.summary', { reviews, weeks, activeDays }),
    reviews: (count, shown) => t('picture.reviews', { count, shown }),
    activeDays: (count, shown) => t('picture.active-days', { count, shown }),
    reviewsPerDay: t('picture.reviews-per-day'),
    currentStreak: t('picture.current-streak'),
    more: t('picture.more'),
    less: t('picture.less'),
    dueNext: t('picture.due-next'),
    cards: (count, shown) => t('picture.cards', { count, shown }),
    mastery: t('picture.mastery'),
    seen: t('picture.seen'),
    mastered: t('picture.mastered'),
    noTopics: t('picture.no-topics'),
    readiness: t('picture.readiness'),
    readinessSummary: (percent, count, days) => t('picture.readiness-summary', { percent, count, days }),
    answers: (count) => t('picture.answers', { count }),
    covered: (percent) => t('picture.covered', { percent }),
    lastExams: (scores) => t('picture.last-exams', { scores }),
    noExams: t('picture.no-exams'),
  };
}

export const ENGLISH_LABELS = pictureLabels(translator('en'));
