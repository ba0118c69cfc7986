import { GetRota, ListCells } from '@muster/application';
import { mayReadRota } from '@muster/domain';
import { ConsolePageError } from '../../setup/errors';
import { ConsolePage, principalOf, renderPage } from '../../page';
import { rotasModel } from './rotas.model';

/**
 * `/rotas`: read-only, each scope this person may read (every one for the region-wide roles, their own cells'
 * for a cell's people) with its holder now, through the same query as `GET /api/v1/rotas/:scope`.
 */
export const rotasPage: ConsolePage = (scope, deps) => {
  scope.get('/rotas', async (request, reply) => {
    const principal = principalOf(request);
    const cells = await deps.queries.execute(new ListCells(principal));
    const scopes = [
      { scope: 'regional', title: 'Regional' },
      { scope: 'national', title: 'National' },
      ...cells.map((cell) => ({ scope: cell.slug, title: `${cell.name} cell` })),
    ].filter((s) => mayReadRota(principal, s.scope));
    if (scopes.length === 0)
      throw new ConsolePageError(403, 'You cannot see the rotas', [
        'Rotas are for regional coordinators, administrators, the mayor’s office and a cell’s own people.',
      ]);
    const rotas = await Promise.all(
      scopes.map(async (s) => ({ title: s.title, rota: await deps.queries.execute(new GetRota(principal, s.scope)) })),
    );
    return renderPage(deps, request, reply, 'pages/rotas/rotas.njk', rotasModel(rotas, deps.config.region.timeZone));
  });
};
