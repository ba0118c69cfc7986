import type { Rag } from '@muster/domain';
import { tag, Tag } from './format';

const RAGS: Record<Rag, Tag> = {
  red: tag('Red', 'govuk-tag--red'),
  amber: tag('Amber', 'govuk-tag--orange'),
  green: tag('Green', 'govuk-tag--green'),
};

/** A RAG as a GOV.UK tag: the word always there, the colour only repeating it. */
export function ragTag(rag: Rag | null | undefined | 'none'): Tag {
  return rag === null || rag === undefined || rag === 'none' ? tag('No RAG', 'govuk-tag--grey') : RAGS[rag];
}
