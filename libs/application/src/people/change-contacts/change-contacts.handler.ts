import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { changeContacts } from '@muster/domain';
import { Clock } from '../../ports/clock';
import { UnitOfWork } from '../../ports/transaction';
import { PersonWriter } from '../../ports/writers/person.writer';
import { PersonView, toPersonView } from '../person-view';
import { ChangeContacts } from './change-contacts.command';

@CommandHandler(ChangeContacts)
export class ChangeContactsHandler implements ICommandHandler<ChangeContacts> {
  constructor(
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ principal, sub, contacts, claims }: ChangeContacts): Promise<PersonView> {
    const at = this.clock.now();
    const person = await this.unitOfWork.run(async (tx) => {
      const people = tx.get(PersonWriter);
      const { state } = changeContacts(
        { by: principal, sub, contacts, ...(claims === undefined ? {} : { claims }), at },
        await people.lock(sub),
      );
      await people.save(state);
      return state;
    });
    return toPersonView(person);
  }
}
