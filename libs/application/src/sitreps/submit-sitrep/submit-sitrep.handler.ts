import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { notFound } from '@muster/domain';
import { ReferenceData } from '../../ports/readers';
import { SitrepSubmissions } from './sitrep-submissions';
import { SubmitSitrep, SubmittedSitrep } from './submit-sitrep.command';

@CommandHandler(SubmitSitrep)
export class SubmitSitrepHandler implements ICommandHandler<SubmitSitrep> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly submissions: SitrepSubmissions,
  ) {}

  async execute({ principal, cell, authority, date, body }: SubmitSitrep): Promise<SubmittedSitrep> {
    if (!(await this.reference.cellExists(cell))) throw notFound(`cell ${cell}`);
    // The cached codes answer the common case; names are read only when a question is put.
    if (!(await this.reference.authorityCodes()).has(authority)) throw notFound(`authority ${authority}`);
    return this.submissions.submit(cell, { principal, authority, date, body });
  }
}
