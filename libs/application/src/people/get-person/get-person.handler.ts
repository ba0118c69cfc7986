import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { claimsOfPrincipal, forbidden, mayManagePeople, notFound } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { AccessAudit } from '../../ports/data-protection';
import { PeopleReader } from '../../ports/people';
import { auditPeopleShown } from '../people-audit';
import { PersonView, toPersonView } from '../person-view';
import { GetPerson } from './get-person.query';

@QueryHandler(GetPerson)
export class GetPersonHandler implements IQueryHandler<GetPerson> {
  constructor(
    private readonly reader: PeopleReader,
    private readonly audit: AccessAudit,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, sub }: GetPerson): Promise<PersonView> {
    const own = principal.sub === sub;
    if (!own && !mayManagePeople(principal)) throw forbidden('only administrators read another person’s details');
    const person = await this.reader.get(sub);
    if (person === undefined) {
      if (!own) throw notFound(`person ${sub}`);
      // Never signed in (a bearer token): who their token says, with no contact details yet.
      const at = this.clock.now();
      return toPersonView({ ...claimsOfPrincipal(principal), claimsAt: at, updatedAt: at });
    }
    await auditPeopleShown(this.audit, principal, 'person.read', [person]);
    return toPersonView(person);
  }
}
