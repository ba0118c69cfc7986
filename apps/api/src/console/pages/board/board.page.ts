import { z } from 'zod';
import { GetBoard, ListBoardMoments, ListCells } from '@muster/application';
import { cellSlug, queryInteger } from '../../../http/schemas';
import { ConsolePage, pageQuery, principalOf, renderPage, wantsFragment } from '../../page';
import { boardModel } from './board.model';

/** Enough to find the morning's decisions; the form is a choice, not a log. */
const MOMENTS_OFFERED = 20;

/** The form's "All cells" and "Now" send an empty value: the same as leaving the field out. */
const blank = z.literal('').transform(() => undefined);
const boardQuery = z.object({
  cell: z.union([blank, cellSlug]).optional(),
  at: z.union([blank, queryInteger(0, Number.MAX_SAFE_INTEGER)]).optional(),
});

/**
 * `/`: the common picture (GET /api/v1/board through the same query), one cell's with `?cell=`, as it
 * stood at a decision with `?at=`. With `muster-fragment: board` only the picture, for the live update.
 */
export const boardPage: ConsolePage = (scope, deps) => {
  scope.get('/', async (request, reply) => {
    const principal = principalOf(request);
    const { cell, at } = pageQuery(boardQuery, request.query);
    const query = { ...(cell === undefined ? {} : { cell }), ...(at === undefined ? {} : { at }) };
    const fragment = wantsFragment(request, 'board');
    const [view, cells, moments] = await Promise.all([
      deps.queries.execute(new GetBoard(principal, at, cell)),
      // The whole board names every cell already; one cell's needs the others' names for the filter.
      cell === undefined || fragment ? undefined : deps.queries.execute(new ListCells(principal)),
      fragment ? [] : deps.queries.execute(new ListBoardMoments(principal, MOMENTS_OFFERED, cell)),
    ]);
    const model = boardModel(
      view,
      { cells: cells ?? view.cells, moments, timeZone: deps.config.region.timeZone },
      query,
    );
    if (fragment) return deps.views.send(reply, 'pages/board/board-picture.njk', model);
    return renderPage(deps, request, reply, 'pages/board/board.njk', model);
  });
};
