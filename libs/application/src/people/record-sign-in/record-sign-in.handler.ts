import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { claimsOfPrincipal, recordSignIn } from '@muster/domain';
import { UnitOfWork } from '../../ports/transaction';
import { PersonWriter } from '../../ports/writers/person.writer';
import { RecordSignIn } from './record-sign-in.command';

@CommandHandler(RecordSignIn)
export class RecordSignInHandler implements ICommandHandler<RecordSignIn> {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async execute({ person, at }: RecordSignIn): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const people = tx.get(PersonWriter);
      const held = await people.lock(person.sub);
      const { state } = recordSignIn({ claims: claimsOfPrincipal(person), at }, held);
      if (state !== held) await people.save(state);
    });
  }
}
