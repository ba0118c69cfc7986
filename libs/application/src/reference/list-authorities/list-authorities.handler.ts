import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Authority, can, forbidden } from '@muster/domain';
import { ReferenceData } from '../../ports/readers';
import { ListAuthorities } from './list-authorities.query';

@QueryHandler(ListAuthorities)
export class ListAuthoritiesHandler implements IQueryHandler<ListAuthorities> {
  constructor(private readonly reference: ReferenceData) {}

  async execute({ principal }: ListAuthorities): Promise<Authority[]> {
    if (!can(principal, 'reference.read')) throw forbidden('your token carries no Muster role');
    return this.reference.authorities();
  }
}
