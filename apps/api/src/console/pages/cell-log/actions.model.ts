import type { ActionView } from '@muster/application';
import { canUpdateAction, FINAL_ACTION_STATUSES, type Principal } from '@muster/domain';
import { tag, type Tag, timeText } from '../../view/format';
import { type FieldProblem, formErrors, type FormErrors, NO_ERRORS } from '../decision-form/form-errors';

/** One row of the cell page's table of actions, worded; `form` only for those the reader may update. */
export interface ActionRowModel {
  id: string;
  anchor: string;
  action: string;
  owner: string;
  due: string;
  status: Tag;
  sensitive: boolean;
  /** The decision it belongs to, on the console's page of the log. */
  decision: { href: string; text: string };
  lastNote?: string;
  form?: {
    action: string;
    statusItems: Array<{ value: string; text: string; checked: boolean }>;
    note: string;
    errors: FormErrors;
    open: boolean;
  };
}

export interface ActionsModel {
  rows: ActionRowModel[];
  /** The error summary of the form just refused, at the top of the section. */
  errors: FormErrors;
}

const STATUS_TAGS: Record<ActionView['status'], Tag> = {
  open: tag('Open', 'govuk-tag--blue'),
  done: tag('Done', 'govuk-tag--green'),
  dropped: tag('Dropped', 'govuk-tag--grey'),
  overdue: tag('Overdue', 'govuk-tag--red'),
};

/** What was posted to one action's form and refused: shown again at that form, with the API's messages. */
export interface RefusedUpdate {
  id: string;
  status: string;
  note: string;
  problems: FieldProblem[];
}

export function actionsModel(
  actions: readonly ActionView[],
  principal: Principal,
  ctx: { cell: string; timeZone: string },
  refused?: RefusedUpdate,
): ActionsModel {
  let errors = NO_ERRORS;
  const rows = actions.map((a): ActionRowModel => {
    const anchor = `action-${a.id}`;
    const mine = refused?.id === a.id ? refused : undefined;
    const fieldErrors =
      mine === undefined
        ? NO_ERRORS
        : formErrors(mine.problems, (path) =>
            path === 'status' || path === 'note'
              ? { id: `${anchor}-${path}`, label: path === 'status' ? 'Status' : 'Note' }
              : undefined,
          );
    if (mine !== undefined) errors = fieldErrors;
    const updatable = canUpdateAction(principal, a) && !FINAL_ACTION_STATUSES.has(a.status);
    const last = [...a.history].reverse().find((h) => h.note !== undefined);
    return {
      id: a.id,
      anchor,
      action: a.action,
      owner: a.owner === principal.sub ? `${a.owner} (you)` : a.owner,
      due: a.due === undefined ? 'No due time' : timeText(a.due, ctx.timeZone),
      status: STATUS_TAGS[a.status],
      sensitive: a.marking === 'OFFICIAL-SENSITIVE',
      decision: {
        href: `/cells/${encodeURIComponent(ctx.cell)}/decisions/${encodeURIComponent(a.decisionId)}`,
        text: `Entry ${String(a.decisionSequence)}`,
      },
      ...(last?.note !== undefined && { lastNote: last.note }),
      ...(updatable && {
        form: {
          action: `/cells/${encodeURIComponent(ctx.cell)}/actions/${encodeURIComponent(a.id)}`,
          statusItems: [
            { value: '', text: 'Add a note only', checked: (mine?.status ?? '') === '' },
            { value: 'done', text: 'Done', checked: mine?.status === 'done' },
            { value: 'dropped', text: 'Dropped (say why in the note)', checked: mine?.status === 'dropped' },
          ],
          note: mine?.note ?? '',
          errors: fieldErrors,
          open: mine !== undefined,
        },
      }),
    };
  });
  return { rows, errors };
}
