import type { HandoverRecord } from '@muster/application';
import { problem } from '../../../http/problem';
import { ppeCell, regional, lead } from '@muster/builders';
import { governanceRefusal, readGovernanceForm } from './governance-form';
import { governanceModel, handoverViews } from './governance.model';

const TZ = 'Europe/London';
const record: HandoverRecord = {
  slug: 'ppe',
  reason: 'Stock recovered',
  by: 'Sam Hughes',
  at: '2026-11-20T11:00:00.000Z',
  handover: {
    openEscalations: ['e1'],
    openRequests: ['r1'],
    items: [
      { kind: 'escalation', id: 'e1', title: 'FFP3 out', to: { sub: 'asha', name: 'Asha Patel' } },
      { kind: 'decision-request', id: 'r1', title: 'Release the reserve?', to: { role: 'regional-coordinator' } },
    ],
    note: 'To the SCG',
  },
};
const open = [
  { kind: 'escalation' as const, id: 'e1', title: 'FFP3 out' },
  { kind: 'decision-request' as const, id: 'r1', title: 'Release the reserve?' },
];

describe('the governance page’s model', () => {
  it('words each handover, newest first, naming who took each item', () => {
    expect(handoverViews([record], TZ)).toEqual([
      {
        heading: 'Stood down by Sam Hughes, 11:00 on 20 November 2026',
        datetime: record.at,
        reason: 'Stock recovered',
        note: 'To the SCG',
        items: [
          { what: 'Escalation', title: 'FFP3 out', takenBy: 'Asha Patel' },
          { what: 'Decision request', title: 'Release the reserve?', takenBy: 'Regional coordinators' },
        ],
      },
    ]);
  });

  it('offers regional coordinators the form the status allows, with a row per open item; others only read', () => {
    const active = governanceModel(regional(), ppeCell({ status: 'active' }), [], open, TZ);
    expect(active.forms.standUp).toBe(false);
    expect(active.forms.standby).toBe(false);
    expect(active.forms.standDown?.rows.map((r) => [r.index, r.kind, r.id, r.what, r.title])).toEqual([
      [0, 'escalation', 'e1', 'Escalation', 'FFP3 out'],
      [1, 'decision-request', 'r1', 'Decision request', 'Release the reserve?'],
    ]);
    expect(governanceModel(regional(), ppeCell({ status: 'stood-down' }), [], [], TZ).forms).toEqual({
      standUp: true,
      standDown: undefined,
      standby: true,
    });
    expect(governanceModel(lead(), ppeCell({ status: 'active' }), [record], open, TZ).forms).toEqual({
      standUp: false,
      standDown: undefined,
      standby: false,
    });
  });
});

describe('the stand-down form', () => {
  it('reads a person named over a role, a role otherwise, and leaves out a row naming nobody', () => {
    const read = readGovernanceForm({
      action: 'stand-down',
      reason: 'Recovered',
      note: '',
      'kind-0': 'escalation',
      'id-0': '3f1c4a9e-0d7b-4c1e-9a55-2d1b6f8e7a10',
      'role-0': 'cell-lead',
      'person-0': 'asha',
      'kind-1': 'decision-request',
      'id-1': '5a2d7c1b-8e4f-4a3b-b6c2-9d0e1f2a3b4c',
      'role-1': 'regional-coordinator',
      'person-1': ' ',
      'kind-2': 'escalation',
      'id-2': '7b3e8d2c-9f50-4b4c-a7d3-0e1f2a3b4c5d',
      'role-2': '',
    });
    expect(read).toMatchObject({
      ok: true,
      action: 'stand-down',
      reason: 'Recovered',
      note: undefined,
      assignments: [
        { kind: 'escalation', id: '3f1c4a9e-0d7b-4c1e-9a55-2d1b6f8e7a10', to: { sub: 'asha' } },
        { kind: 'decision-request', id: '5a2d7c1b-8e4f-4a3b-b6c2-9d0e1f2a3b4c', to: { role: 'regional-coordinator' } },
      ],
      rows: [0, 1],
    });
  });

  it('names an empty reason at its field, and is not read at all without a known action', () => {
    expect(readGovernanceForm({ action: 'standby', reason: ' ' })).toMatchObject({
      ok: false,
      errors: [{ field: 'reason', text: 'Enter why it goes back on standby', href: '#standby-reason' }],
    });
    expect(readGovernanceForm({ action: 'dissolve', reason: 'x' })).toBeUndefined();
  });

  it('shows the rule’s refusal at the row of each item nobody takes, or repeated', () => {
    const refused = problem('rule-violated', 'the handover is incomplete', [
      { path: 'handover', message: 'names nobody to take decision-request r1 (Release the reserve?)' },
      { path: 'handover.1', message: 'names escalation e1 more than once' },
    ]);
    expect(governanceRefusal(refused, 'stand-down', open, [0, 1])).toEqual([
      {
        field: 'role-1',
        text: 'Names nobody to take decision-request r1 (Release the reserve?)',
        href: '#role-1',
      },
      { field: 'role-1', text: 'Names escalation e1 more than once', href: '#role-1' },
    ]);
  });
});
