import { lead, member, officer, trackedAction } from '@muster/builders';
import { actionsModel } from './actions.model';

const ctx = { cell: 'ppe', timeZone: 'Europe/London' };

describe('the cell page’s actions', () => {
  const open = trackedAction({ id: 'a1' });
  const done = trackedAction({
    id: 'a2',
    action: 'Count the stock',
    status: 'done',
    history: [
      ...trackedAction().history,
      { at: open.createdAt, by: 'system', kind: 'updated', status: 'done', note: 'Counted' },
    ],
  });
  const overdue = trackedAction({ id: 'a3', action: 'Tell the care homes', status: 'overdue', due: undefined });

  it('words each action with its owner, due time, status tag and decision, and its latest note', () => {
    const { rows } = actionsModel([open, done, overdue], member(), ctx);
    expect(rows.map((r) => [r.action, r.owner, r.due, r.status.text, r.decision.text])).toEqual([
      ['Arrange courier', 'authority-officer-1', '16:00 on 22 November 2026', 'Open', 'Entry 1'],
      ['Count the stock', 'authority-officer-1', '16:00 on 22 November 2026', 'Done', 'Entry 1'],
      ['Tell the care homes', 'authority-officer-1', 'No due time', 'Overdue', 'Entry 1'],
    ]);
    expect(rows[1]?.lastNote).toBe('Counted');
    expect(rows[0]?.decision.href).toBe(`/cells/ppe/decisions/${open.decisionId}`);
  });

  it('offers the update form to the owner and the lead, for actions not yet done or dropped', () => {
    const forms = (who: Parameters<typeof actionsModel>[1]) =>
      actionsModel([open, done, overdue], who, ctx).rows.map((r) => r.form !== undefined);
    expect(forms(lead())).toEqual([true, false, true]);
    expect(forms(officer({ sub: 'authority-officer-1' }))).toEqual([true, false, true]);
    expect(forms(member())).toEqual([false, false, false]);
    expect(actionsModel([open], officer({ sub: 'authority-officer-1' }), ctx).rows[0]?.owner).toBe(
      'authority-officer-1 (you)',
    );
  });

  it('shows a refused update again at its own form, with the message at the field', () => {
    const model = actionsModel([open, overdue], lead(), ctx, {
      id: 'a3',
      status: 'dropped',
      note: '',
      problems: [{ path: 'note', message: 'is required to drop an action: say why' }],
    });
    expect(model.errors.summary).toEqual([
      { text: 'Note is required to drop an action: say why', href: '#action-a3-note' },
    ]);
    const refused = model.rows[1]?.form;
    expect(refused?.open).toBe(true);
    expect(refused?.statusItems.find((i) => i.checked)?.value).toBe('dropped');
    expect(refused?.errors.fields['action-a3-note']).toEqual({ text: 'Note is required to drop an action: say why' });
    expect(model.rows[0]?.form?.open).toBe(false);
  });
});
