import { FIELD_LABELS, type RowNumbers } from './decision-form';
import type { FieldOf } from './form-errors';

/** Where a problem's path is on the form (`options.1.notes` is the notes of the second kept option's row). */
export function decisionFieldOf(rows: RowNumbers): FieldOf {
  return (path) => {
    const [head = '', index, sub] = path.split('.');
    if (head === 'changes')
      return index === undefined
        ? { id: 'title', label: 'The amendment' }
        : decisionFieldOf(rows)(path.slice('changes.'.length));
    if (head === 'options' || head === 'actions') {
      if (index === undefined)
        return { id: head === 'options' ? 'option-1' : 'action-1', label: FIELD_LABELS[head] ?? head };
      const row = (head === 'options' ? rows.options : rows.actions)[Number(index)] ?? Number(index) + 1;
      return head === 'options' ? optionField(row, sub) : actionField(row, sub);
    }
    const label = FIELD_LABELS[head];
    return label === undefined ? undefined : { id: head, label };
  };
}

function optionField(row: number, sub: string | undefined): { id: string; label: string } {
  if (sub === 'notes') return { id: `option-${row}-notes`, label: `Notes on option ${row}` };
  if (sub === 'chosen') return { id: `option-${row}-chosen`, label: `Whether option ${row} was chosen` };
  return { id: `option-${row}`, label: `Option ${row}` };
}

function actionField(row: number, sub: string | undefined): { id: string; label: string } {
  if (sub === 'owner') return { id: `action-${row}-owner`, label: `Owner of action ${row}` };
  if (sub === 'due') return { id: `action-${row}-due`, label: `Due date of action ${row}` };
  return { id: `action-${row}`, label: `Action ${row}` };
}
