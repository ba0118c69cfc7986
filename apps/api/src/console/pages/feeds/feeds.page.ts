import { z } from 'zod';
import { GetDailyFeed, GetWeeklyBriefing, ListDailyFeeds } from '@muster/application';
import { dailyQuery } from '../../../feeds/feed.schemas';
import { calendarDate, isoWeek } from '../../../http/schemas';
import { ConsolePage, pageQuery, principalOf, renderPage } from '../../page';
import { dailyListModel } from './daily-list.model';
import { dailyReportModel } from './daily-report.model';
import { weeklyBriefingModel } from './weekly-briefing.model';

/** A year of mornings: the list is a way in, not an archive search. */
const DAYS_LISTED = 366;

const dateParams = z.object({ date: calendarDate });
const weekParams = z.object({ week: isoWeek });

/**
 * The daily report and the weekly briefing as pages to read and print (`/feeds/daily`, `/feeds/daily/:date`,
 * `/feeds/weekly/:week`), through the API's own queries: the same access (mayor's office, regional, admin,
 * cell leads), need to know and access audit. Their links lead to console pages, built from PUBLIC_URL.
 */
export const feedsPage: ConsolePage = (scope, deps) => {
  const { publicUrl } = deps.config.http;
  const { timeZone } = deps.config.region;

  scope.get('/feeds/daily', async (request, reply) => {
    const items = await deps.queries.execute(new ListDailyFeeds(principalOf(request), DAYS_LISTED));
    return renderPage(deps, request, reply, 'pages/feeds/daily-list.njk', dailyListModel(items, timeZone));
  });

  scope.get('/feeds/daily/:date', async (request, reply) => {
    const principal = principalOf(request);
    const { date } = pageQuery(dateParams, request.params);
    const { version } = pageQuery(dailyQuery, request.query);
    const view = await deps.queries.execute(new GetDailyFeed(principal, date, version));
    return renderPage(
      deps,
      request,
      reply,
      'pages/feeds/daily-report.njk',
      dailyReportModel(view, publicUrl, timeZone),
    );
  });

  scope.get('/feeds/weekly/:week', async (request, reply) => {
    const principal = principalOf(request);
    const { week } = pageQuery(weekParams, request.params);
    const [briefing, days] = await Promise.all([
      deps.queries.execute(new GetWeeklyBriefing(principal, week)),
      deps.queries.execute(new ListDailyFeeds(principal, DAYS_LISTED)),
    ]);
    const published = new Set(days.map((d) => d.date));
    return renderPage(
      deps,
      request,
      reply,
      'pages/feeds/weekly-briefing.njk',
      weeklyBriefingModel(briefing, published, publicUrl, timeZone),
    );
  });
};
