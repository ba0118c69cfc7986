import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forbidden, mayManagePeople } from '@muster/domain';
import { AccessAudit } from '../../ports/data-protection';
import { PeopleReader } from '../../ports/people';
import { decodeKeyCursor, encodeKeyCursor } from '../../shared/page-cursor';
import { auditPeopleShown } from '../people-audit';
import { toPersonView } from '../person-view';
import { ListPeople, PeoplePage } from './list-people.query';

@QueryHandler(ListPeople)
export class ListPeopleHandler implements IQueryHandler<ListPeople> {
  constructor(
    private readonly reader: PeopleReader,
    private readonly audit: AccessAudit,
  ) {}

  async execute({ principal, page }: ListPeople): Promise<PeoplePage> {
    if (!mayManagePeople(principal)) throw forbidden('only administrators read the people directory');
    const after = page.cursor === undefined ? undefined : decodeKeyCursor('people', page.cursor);
    const people = await this.reader.page(after, page.limit + 1);
    const items = people.slice(0, page.limit);
    await auditPeopleShown(this.audit, principal, 'person.list', items);
    const last = items.at(-1);
    return {
      items: items.map(toPersonView),
      next: people.length > page.limit && last !== undefined ? encodeKeyCursor('people', last.sub) : null,
    };
  }
}
