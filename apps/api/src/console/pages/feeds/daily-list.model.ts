import type { DailyFeedSummary } from '@muster/application';
import { isoWeekOf } from '@muster/domain';
import { dayText, timeText } from '../../view/format';

export interface DailyListModel {
  pageTitle: string;
  days: Array<{ href: string; text: string; version: number; generated: string; weekHref: string; weekText: string }>;
}

export function dailyListModel(items: readonly DailyFeedSummary[], timeZone: string): DailyListModel {
  return {
    pageTitle: 'Daily reports',
    days: items.map((item) => {
      const week = isoWeekOf(item.date);
      return {
        href: `/feeds/daily/${item.date}`,
        text: dayText(item.date),
        version: item.version,
        generated: timeText(item.generatedAt, timeZone),
        weekHref: `/feeds/weekly/${week}`,
        weekText: `Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`,
      };
    }),
  };
}
