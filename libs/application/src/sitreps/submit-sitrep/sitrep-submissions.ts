import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ACTIVATION_OPTIONS,
  activationEpisode,
  activationQuestion,
  type Decided,
  DomainError,
  evaluateCriteria,
  notFound,
  openDecisionRequest,
  principal as makePrincipal,
  reportingDay,
  type Sitrep,
  submitSitrep,
  SYSTEM_SUB,
} from '@muster/domain';
import { Clock } from '../../ports/clock';
import { ReferenceData } from '../../ports/readers';
import { RegionSettings } from '../../ports/region-settings';
import { BatchItemsRefused, Transaction, UnitOfWork } from '../../ports/transaction';
import { Batched, GroupCommit } from '../../shared/group-commit';
import { carryWindowStart, effectiveByAuthority } from '../effective-day';
import { SubmitSitrep, SubmittedSitrep } from './submit-sitrep.command';
import { type CellGovernance, CellWriter } from '../../ports/writers/cell.writer';
import { DecisionRequestWriter } from '../../ports/writers/decision-request.writer';
import { reportKey, SitrepWriter } from '../../ports/writers/sitrep.writer';

/** The system asks on the region's behalf; it is not a person and holds no clearance beyond OFFICIAL. */
const SYSTEM = makePrincipal({ sub: SYSTEM_SUB, name: 'Muster', roles: ['regional-coordinator'] });

/** Bounds one transaction; at the morning deadline every authority reports to each cell at once. */
export const MAX_SITREPS_PER_COMMIT = 200;

type Submission = Pick<SubmitSitrep, 'principal' | 'authority' | 'date' | 'body'>;

/**
 * Sitreps with group commit, per cell. Every report to a cell takes the cell's lock (versions of one
 * report must not clash, and today's reports are reviewed against the cell's activation criteria, which
 * must see each other), so reports that arrive while the cell's transaction is in flight are written,
 * and the criteria reviewed, once for them all by the next one.
 */
@Injectable()
export class SitrepSubmissions {
  private readonly commits: GroupCommit<Submission, SubmittedSitrep>;

  constructor(
    unitOfWork: UnitOfWork,
    private readonly reference: ReferenceData,
    private readonly region: RegionSettings,
    private readonly clock: Clock,
  ) {
    this.commits = new GroupCommit(
      unitOfWork,
      (tx, cell, batch) => this.write(tx, cell, batch),
      MAX_SITREPS_PER_COMMIT,
    );
  }

  submit(cell: string, submission: Submission): Promise<SubmittedSitrep> {
    return this.commits.submit(cell, submission);
  }

  private async write(
    tx: Transaction,
    slug: string,
    batch: ReadonlyArray<Batched<Submission>>,
  ): Promise<SubmittedSitrep[]> {
    const governance = await tx.get(CellWriter).lock(slug);
    if (governance === undefined) throw notFound(`cell ${slug}`);
    const now = this.clock.now();
    const held = new Map(
      await tx.get(SitrepWriter).latest(
        slug,
        batch.map(({ item }) => item),
      ),
    );
    const written: Array<[Batched<Submission>, Decided<Sitrep>]> = [];
    const refusals = new Map<number, Error>();
    batch.forEach((batched, index) => {
      const { principal, authority, date, body } = batched.item;
      try {
        const submission = submitSitrep(
          { by: principal, at: now, timeZone: this.region.timeZone, authority, date, ...body },
          { cell: governance.cell, previous: held.get(reportKey(authority, date)) },
        );
        held.set(reportKey(authority, date), submission.state);
        written.push([batched, submission]);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refusals.set(index, error);
      }
    });
    if (refusals.size > 0) throw new BatchItemsRefused(refusals);

    // A report that repeats the latest version decided no event: it is that version, and nothing is written.
    const changed = written.flatMap(([batched, { state, events }]) =>
      events.length === 0 ? [] : [{ batched, sitrep: state, events }],
    );
    await tx.get(SitrepWriter).insert(changed.map(({ sitrep }) => sitrep));
    await tx.journal.appendEach(
      changed.map(({ batched: { item, scope }, events }) => ({ events, actor: item.principal.sub, scope })),
    );
    const today = reportingDay(now, this.region.timeZone);
    // One review sees the whole batch; a question it opens answers each of today's reports in it.
    const forToday = changed.some(({ batched: { item } }) => item.date === today);
    const activationRequestId = forToday ? await this.reviewCriteria(tx, governance, today, now) : undefined;
    return written.map(([{ item }, { state: sitrep }]) =>
      item.date === today && activationRequestId !== undefined ? { sitrep, activationRequestId } : { sitrep },
    );
  }

  /**
   * Emergency governance with criteria: when today's figures meet a standing-by cell's criteria, the
   * regional coordinators are asked for a decision, once per episode, instead of the system waiting.
   */
  private async reviewCriteria(
    tx: Transaction,
    governance: CellGovernance,
    date: string,
    now: Date,
  ): Promise<string | undefined> {
    const { cell } = governance;
    const effective = effectiveByAuthority(
      cell,
      await tx.get(SitrepWriter).window(cell.slug, carryWindowStart(date), date),
      date,
    );
    const evaluation = evaluateCriteria(cell, new Map([...effective].map(([code, day]) => [code, day.figures])));
    const episode = activationEpisode(cell, evaluation, governance.episodeOpen);
    if (episode.episodeOpen !== governance.episodeOpen) {
      await tx.get(CellWriter).update({ cell, episodeOpen: episode.episodeOpen });
    }
    if (!episode.ask) return undefined;
    const names = new Map((await this.reference.authorities()).map((a) => [a.code, a.name]));
    const { state: request, events } = openDecisionRequest(
      {
        by: SYSTEM,
        at: now,
        id: randomUUID(),
        cell: cell.slug,
        question: activationQuestion(cell, evaluation, names),
        context: 'Opened by Muster because the cell’s activation criteria are met by today’s situation reports.',
        options: [...ACTIVATION_OPTIONS],
        dueInMinutes: cell.decisionTimescaleMinutes,
        marking: 'OFFICIAL',
      },
      { knownAuthorities: new Set(names.keys()) },
    );
    await tx.get(DecisionRequestWriter).insert(request);
    await tx.journal.append(events, 'system');
    return request.id;
  }
}
