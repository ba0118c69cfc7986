import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FeedReaders } from '../feed-readers';
import { NoteReaderClaims } from './note-reader-claims.command';

@CommandHandler(NoteReaderClaims)
export class NoteReaderClaimsHandler implements ICommandHandler<NoteReaderClaims> {
  constructor(private readonly readers: FeedReaders) {}

  execute({ reader, asOf }: NoteReaderClaims): Promise<void> {
    return this.readers.note(reader, asOf);
  }
}
