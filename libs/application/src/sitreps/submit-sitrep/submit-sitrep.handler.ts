import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  activationEpisode,
  activationQuestion,
  Cell,
  evaluateCriteria,
  notFound,
  openDecisionRequest,
  principal as makePrincipal,
  reportingDay,
  submitSitrep,
} from '@muster/domain';
import { Clock } from '../../ports/clock';
import { RegionSettings } from '../../ports/region-settings';
import { ReferenceData } from '../../ports/readers';
import { Transaction, UnitOfWork } from '../../ports/transaction';
import { carryWindowStart, effectiveByAuthority } from '../effective-day';
import { SubmitSitrep, SubmittedSitrep } from './submit-sitrep.command';

/** The system asks on the region's behalf; it is not a person and holds no clearance beyond OFFICIAL. */
const SYSTEM = makePrincipal({ sub: 'system', name: 'Muster', roles: ['regional-coordinator'] });

@CommandHandler(SubmitSitrep)
export class SubmitSitrepHandler implements ICommandHandler<SubmitSitrep> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly region: RegionSettings,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, cell: slug, authority, date, body }: SubmitSitrep): Promise<SubmittedSitrep> {
    const cell = await this.reference.cell(slug);
    if (cell === undefined) throw notFound(`cell ${slug}`);
    // The cached codes answer the common case; names are read only when a question is put.
    if (!(await this.reference.authorityCodes()).has(authority)) throw notFound(`authority ${authority}`);

    return this.unitOfWork.run(async (tx) => {
      const now = this.clock.now();
      const { sitrep, event } = submitSitrep(
        { cell, authority, date, ...body },
        { principal, now, previousVersion: await tx.sitreps.latestVersion(slug, authority, date), timeZone: this.region.timeZone },
      );
      await tx.sitreps.insert(sitrep);
      await tx.journal.append([event], principal.sub);
      const activationRequestId =
        date === reportingDay(now, this.region.timeZone) ? await this.reviewCriteria(tx, cell, date, now) : undefined;
      return activationRequestId === undefined ? { sitrep } : { sitrep, activationRequestId };
    });
  }

  /**
   * Emergency governance with criteria: when today's figures meet a standing-by cell's criteria, the
   * regional coordinators are asked for a decision, once per episode, instead of the system waiting.
   */
  private async reviewCriteria(
    tx: Transaction,
    cell: Cell,
    date: string,
    now: Date,
  ): Promise<string | undefined> {
    // Reviews of one cell take turns: of two reports landing together, the later review sees both.
    const governance = await tx.cells.lock(cell.slug);
    if (governance === undefined) return undefined;
    const effective = effectiveByAuthority(cell, await tx.sitreps.window(cell.slug, carryWindowStart(date), date), date);
    const evaluation = evaluateCriteria(cell, new Map([...effective].map(([code, day]) => [code, day.figures])));
    const episode = activationEpisode(governance.cell, evaluation, governance.episodeOpen);
    if (episode.episodeOpen !== governance.episodeOpen) {
      await tx.cells.update({ cell: governance.cell, episodeOpen: episode.episodeOpen });
    }
    if (!episode.ask) return undefined;
    const names = new Map((await this.reference.authorities()).map((a) => [a.code, a.name]));
    const { request, event } = openDecisionRequest(
      {
        cell: cell.slug,
        question: activationQuestion(governance.cell, evaluation, names),
        context: 'Opened by Muster because the cell’s activation criteria are met by today’s situation reports.',
        options: ['Stand up crisis governance', 'Keep on standby'],
        dueInMinutes: cell.decisionTimescaleMinutes,
        marking: 'OFFICIAL',
      },
      { principal: SYSTEM, now, id: randomUUID(), knownAuthorities: new Set(names.keys()) },
    );
    await tx.decisionRequests.insert(request);
    await tx.journal.append([event], 'system');
    return request.id;
  }
}
