import { problem } from '../../../http/problem';
import { type Escalation, type HistoryStep, principal, type Principal } from '@muster/domain';
import { SANDWELL } from '@muster/builders';
import { offeredActions, readStepForm, refusal } from './escalation-actions';
import { escalationModel } from './escalation.model';
import { timeline } from './escalation-timeline';
import { namesFrom } from './escalation-words';

const names = namesFrom([{ slug: 'ppe', name: 'PPE' }], [{ code: SANDWELL, name: 'Sandwell' }], 'Europe/London');
const jas = { sub: 'jas', name: 'Jas Kaur' };
const sam = { sub: 'sam', name: 'Sam Hughes' };

/** Raised by Jas at 10:00 (UTC = London in November), critical, 15 minutes a level; later steps appended by the test. */
function escalation(fields: Partial<Escalation> = {}, steps: HistoryStep[] = []): Escalation {
  return {
    id: '6f1c2a52-4d0e-4b8e-9a55-5b1f4c8f0d11',
    authority: SANDWELL,
    cell: 'ppe',
    title: 'Oak Lodge has no FFP3 masks',
    detail: 'Two days of stock.\n\nThe council reserve is empty.',
    severity: 'critical',
    marking: 'OFFICIAL',
    raisedBy: jas,
    raisedAt: '2026-11-20T10:00:00.000Z',
    level: 'cell',
    status: 'open',
    ackDueAt: '2026-11-20T10:15:00.000Z',
    overdue: false,
    version: 1 + steps.length,
    history: [
      {
        step: 'raised',
        at: '2026-11-20T10:00:00.000Z',
        actor: jas,
        level: 'cell',
        ackDueAt: '2026-11-20T10:15:00.000Z',
      },
      ...steps,
    ],
    ...fields,
  };
}

const climbed: HistoryStep = {
  step: 'escalated',
  at: '2026-11-20T10:15:00.200Z',
  actor: 'system',
  from: 'cell',
  level: 'regional',
  ackDueAt: '2026-11-20T10:30:00.200Z',
  reason: 'not acknowledged by 2026-11-20T10:15:00.000Z',
};
const atRegional = (fields: Partial<Escalation> = {}, steps: HistoryStep[] = []) =>
  escalation({ level: 'regional', ackDueAt: climbed.ackDueAt, ...fields }, [climbed, ...steps]);

const as = (fields: Parameters<typeof principal>[0]): Principal => principal(fields);
const lead = as({
  sub: 'priya',
  name: 'Priya Shah',
  roles: ['cell-lead'],
  cells: ['ppe'],
  clearance: 'OFFICIAL-SENSITIVE',
});
const member = as({ sub: 'tom', roles: ['cell-member'], cells: ['ppe'] });
const regional = as({
  sub: 'sam',
  name: 'Sam Hughes',
  roles: ['regional-coordinator'],
  clearance: 'OFFICIAL-SENSITIVE',
});
const unclearedRegional = as({ sub: 'chris', roles: ['regional-coordinator'] });
const officer = as({ sub: 'jas', roles: ['authority-officer'], authority: SANDWELL });
const mayor = as({ sub: 'alex', roles: ['mayors-office'] });
const NOW = new Date('2026-11-20T10:05:00.000Z');

describe('the escalation timeline', () => {
  it('words every step with its time and actor, newest first, "the system" for the automatic ones', () => {
    const history: HistoryStep[] = [
      climbed,
      {
        step: 'acknowledged',
        at: '2026-11-20T10:20:00.000Z',
        actor: sam,
        level: 'regional',
        note: 'Calling the reserve',
      },
      {
        step: 'escalated',
        at: '2026-11-20T10:40:00.000Z',
        actor: sam,
        from: 'regional',
        level: 'national',
        ackDueAt: '2026-11-20T10:55:00.000Z',
        reason: 'Mutual aid needed',
      },
      { step: 'overdue', at: '2026-11-20T10:55:00.300Z', actor: 'system', level: 'national' },
      {
        step: 'resolved',
        at: '2026-11-20T11:30:00.000Z',
        actor: sam,
        level: 'national',
        resolution: 'Masks delivered',
      },
    ];
    expect(timeline(escalation({}, history), names)).toEqual([
      {
        heading: 'Resolved at national level',
        by: 'By Sam Hughes',
        at: '11:30 on 20 November 2026',
        datetime: '2026-11-20T11:30:00.000Z',
        notes: ['Resolution: Masks delivered'],
      },
      {
        heading: 'Overdue at national level',
        by: 'By the system (automatic)',
        at: '10:55 on 20 November 2026',
        datetime: '2026-11-20T10:55:00.300Z',
        notes: [
          'Not acknowledged at national level by 10:55 on 20 November 2026.',
          'It stays at this level, marked overdue, until someone acts.',
        ],
      },
      {
        heading: 'Escalated from regional to national level',
        by: 'By Sam Hughes',
        at: '10:40 on 20 November 2026',
        datetime: '2026-11-20T10:40:00.000Z',
        notes: ['Reason: Mutual aid needed', 'Regional coordinators to acknowledge by 10:55 on 20 November 2026.'],
      },
      {
        heading: 'Acknowledged at regional level',
        by: 'By Sam Hughes',
        at: '10:20 on 20 November 2026',
        datetime: '2026-11-20T10:20:00.000Z',
        notes: ['Note: Calling the reserve'],
      },
      {
        heading: 'Escalated from cell to regional level',
        by: 'By the system (automatic)',
        at: '10:15 on 20 November 2026',
        datetime: '2026-11-20T10:15:00.200Z',
        notes: [
          'Not acknowledged at cell level by 10:15 on 20 November 2026.',
          'Regional coordinators to acknowledge by 10:30 on 20 November 2026.',
        ],
      },
      {
        heading: 'Raised at cell level',
        by: 'By Jas Kaur',
        at: '10:00 on 20 November 2026',
        datetime: '2026-11-20T10:00:00.000Z',
        notes: ['PPE cell lead to acknowledge by 10:15 on 20 November 2026.'],
      },
    ]);
  });

  it('says why the system raised one for a decision request, and leaves out an acknowledgement’s missing note', () => {
    const raisedBySystem = escalation({
      raisedBy: 'system',
      level: 'regional',
      decisionRequestId: 'r1',
      history: [
        {
          step: 'raised',
          at: '2026-11-20T10:00:00.000Z',
          actor: 'system',
          level: 'regional',
          ackDueAt: '2026-11-20T11:00:00.000Z',
        },
      ],
    });
    const acknowledged = {
      ...raisedBySystem,
      history: [
        ...raisedBySystem.history,
        { step: 'acknowledged' as const, at: '2026-11-20T10:10:00.000Z', actor: sam, level: 'regional' as const },
      ],
    };
    const [ack, raised] = timeline(acknowledged, names);
    expect(ack).toMatchObject({ heading: 'Acknowledged at regional level', by: 'By Sam Hughes', notes: [] });
    expect(raised).toMatchObject({
      heading: 'Raised at regional level',
      by: 'By the system (automatic)',
      notes: [
        'A decision request passed its deadline without a decision.',
        'Regional coordinators to acknowledge by 11:00 on 20 November 2026.',
      ],
    });
  });
});

describe('the steps offered', () => {
  const offered = (p: Principal, e: Escalation) => {
    const o = offeredActions(p, e);
    return [
      o.acknowledge && 'acknowledge',
      o.escalateTo && `escalate to ${o.escalateTo}`,
      o.resolve && 'resolve',
    ].filter(Boolean);
  };

  it('are those the commands would allow: the holder acknowledges; the holder or a regional coordinator escalates and resolves', () => {
    expect(offered(lead, escalation())).toEqual(['acknowledge', 'escalate to regional', 'resolve']);
    expect(offered(regional, escalation())).toEqual(['escalate to regional', 'resolve']);
    expect(offered(member, escalation())).toEqual([]);
    expect(offered(officer, escalation())).toEqual([]);
    expect(offered(mayor, escalation())).toEqual([]);
    expect(offered(lead, atRegional())).toEqual([]);
    expect(offered(regional, atRegional())).toEqual(['acknowledge', 'escalate to national', 'resolve']);
  });

  it('follow the state: nothing to acknowledge twice, no level above national, nothing once resolved', () => {
    expect(offered(regional, atRegional({ status: 'acknowledged', ackDueAt: null }))).toEqual([
      'escalate to national',
      'resolve',
    ]);
    expect(offered(regional, escalation({ level: 'national', overdue: true, ackDueAt: null }))).toEqual([
      'acknowledge',
      'resolve',
    ]);
    expect(offered(regional, escalation({ status: 'resolved', ackDueAt: null }))).toEqual([]);
  });

  it('are none on a sensitive escalation for someone without the clearance to see it', () => {
    const sensitive = atRegional({ marking: 'OFFICIAL-SENSITIVE' });
    expect(offered(unclearedRegional, sensitive)).toEqual([]);
    expect(offered(regional, sensitive)).toEqual(['acknowledge', 'escalate to national', 'resolve']);
  });
});

describe('a step’s form', () => {
  it('takes an empty note as no note, and needs a reason and a resolution, said at the field', () => {
    expect(readStepForm({ action: 'acknowledge', version: '3', note: '  ', _csrf: 't' })).toEqual({
      ok: true,
      action: 'acknowledge',
      version: 3,
      step: { action: 'acknowledge', note: undefined },
      values: { note: '  ' },
    });
    expect(readStepForm({ action: 'escalate', version: '2', reason: '' })).toMatchObject({
      ok: false,
      errors: [{ field: 'reason', text: 'Enter why it needs to go up a level', href: '#escalate-reason' }],
    });
    expect(readStepForm({ action: 'resolve', version: '2', resolution: 'x'.repeat(10_001) })).toMatchObject({
      ok: false,
      errors: [
        { field: 'resolution', text: 'Resolution must be at most 10000 characters', href: '#resolve-resolution' },
      ],
    });
  });

  it('is not read at all without a known step and a version', () => {
    expect(readStepForm({ action: 'delete', version: '1' })).toBeUndefined();
    expect(readStepForm({ action: 'resolve', version: '0', resolution: 'done' })).toBeUndefined();
    expect(readStepForm({ action: 'resolve', resolution: 'done' })).toBeUndefined();
    expect(readStepForm(undefined)).toBeUndefined();
  });
});

describe('a refused step', () => {
  it('says who may take it (403), that someone acted first (409), or the rule’s words (422)', () => {
    const forbidden = problem('forbidden', 'only the cell-lead holding the cell level may acknowledge');
    expect(refusal(forbidden, 'acknowledge', escalation(), names)).toEqual([
      {
        field: undefined,
        text: 'You cannot acknowledge this escalation: only the PPE cell lead can while it is at cell level. Nothing was changed.',
        href: '#acknowledge',
      },
    ]);
    expect(refusal(forbidden, 'resolve', escalation(), names)[0]?.text).toBe(
      'You cannot resolve this escalation: only the PPE cell lead or a regional coordinator can while it is at cell level. Nothing was changed.',
    );
    expect(refusal(forbidden, 'escalate', atRegional(), names)[0]?.text).toBe(
      'You cannot escalate this escalation: only regional coordinators can while it is at regional level. Nothing was changed.',
    );
    expect(
      refusal(
        problem('conflict', 'the escalation is already acknowledged'),
        'acknowledge',
        atRegional({ status: 'acknowledged' }),
        names,
      ),
    ).toEqual([
      {
        field: undefined,
        text: 'Someone else changed this escalation before you could acknowledge it: it is now acknowledged at regional level. Nothing was changed. Check it below, then try again if you still need to.',
        href: '#escalation-summary',
      },
    ]);
    const top = problem('rule-violated', 'national is the top of the ladder', [
      { path: 'level', message: 'national is the top of the ladder' },
    ]);
    expect(refusal(top, 'escalate', escalation({ level: 'national' }), names)).toEqual([
      { field: undefined, text: 'National is the top of the ladder', href: '#escalate' },
    ]);
  });
});

describe('the escalation page’s model', () => {
  it('says who raised it, for which cell and authority, at which level, who holds it and by when, in words', () => {
    const model = escalationModel(officer, escalation(), names, NOW);
    const rows = Object.fromEntries(
      model.summary.map((row) => [row.key, row.tags?.map((t) => t.text) ?? row.lines ?? row.link?.text]),
    );
    expect(rows).toEqual({
      Status: ['Open'],
      Severity: ['Critical'],
      Level: ['Cell'],
      'Held by': ['PPE cell lead'],
      'Acknowledge by': ['10:15 on 20 November 2026'],
      Cell: ['PPE'],
      Authority: ['Sandwell'],
      Raised: ['By Jas Kaur, at 10:00 on 20 November 2026'],
      Marking: ['OFFICIAL'],
      Detail: ['Two days of stock.', 'The council reserve is empty.'],
    });
    expect(model.actions).toEqual({
      acknowledge: false,
      escalate: undefined,
      resolve: false,
      unavailable:
        'At cell level, only the PPE cell lead can acknowledge it, and only they or a regional coordinator can escalate or resolve it.',
    });
    // The page's title is in history and tabs: never the escalation's own (possibly sensitive) words.
    expect(model.pageTitle).toBe('Escalation');
    expect(model.heading).toBe('Oak Lodge has no FFP3 masks');
  });

  it('says plainly when no acknowledgement is due, or the deadline has passed, and tags overdue and sensitive in words', () => {
    const deadline = (e: Escalation, now = NOW) =>
      escalationModel(regional, e, names, now).summary.find((row) => row.key === 'Acknowledge by')?.lines;
    expect(deadline(escalation(), new Date('2026-11-20T10:15:00.000Z'))).toEqual([
      '10:15 on 20 November 2026 (passed: it is going up a level)',
    ]);
    expect(deadline(escalation({ level: 'national' }), new Date('2026-11-20T10:16:00.000Z'))).toEqual([
      '10:15 on 20 November 2026 (passed: it is being marked overdue)',
    ]);
    expect(deadline(atRegional({ status: 'acknowledged', ackDueAt: null }))).toEqual([
      'None: it has been acknowledged',
    ]);
    expect(deadline(escalation({ status: 'resolved', ackDueAt: null }))).toEqual(['None: it is resolved']);
    const overdue = escalationModel(
      regional,
      escalation({ level: 'national', overdue: true, ackDueAt: null, marking: 'OFFICIAL-SENSITIVE' }),
      names,
      NOW,
    );
    expect(overdue.summary.find((row) => row.key === 'Acknowledge by')?.lines).toEqual([
      'Missed: it is overdue at the top of the ladder',
    ]);
    expect(overdue.tags).toEqual([
      { text: 'Critical', classes: 'govuk-tag--red' },
      { text: 'Open', classes: 'govuk-tag--blue' },
      { text: 'Overdue', classes: 'govuk-tag--red' },
      { text: 'Official-sensitive', classes: 'govuk-tag--pink' },
    ]);
    expect(overdue.actions.escalate).toBeUndefined();
    expect(
      escalationModel(regional, escalation({ status: 'resolved', ackDueAt: null }), names, NOW).actions.unavailable,
    ).toBe('It is resolved: there is nothing more to do.');
  });

  it('links a decision request’s escalation to its cell’s requests, and names the system as raiser', () => {
    const e = escalation({
      raisedBy: 'system',
      authority: undefined,
      decisionRequestId: 'r1',
      ask: 'Decide on the reserve',
    });
    const rows = escalationModel(regional, e, names, NOW).summary;
    expect(rows.find((row) => row.key === 'Decision request')?.link).toEqual({
      href: '/cells/ppe/decision-requests',
      text: 'The PPE cell’s decision requests',
    });
    expect(rows.find((row) => row.key === 'Authority')?.lines).toEqual(['None: the system raised it']);
    expect(rows.find((row) => row.key === 'Raised')?.lines).toEqual([
      'By the system (automatic), at 10:00 on 20 November 2026',
    ]);
    expect(rows.find((row) => row.key === 'What is asked')?.lines).toEqual(['Decide on the reserve']);
  });

  it('offers the holder’s forms with the version it shows, a button naming the level above, and says what went through', () => {
    const model = escalationModel(regional, atRegional(), names, NOW, { done: 'acknowledged' });
    expect(model.actions).toEqual({
      acknowledge: true,
      escalate: { buttonText: 'Escalate to national level' },
      resolve: true,
      unavailable: undefined,
    });
    expect(model.version).toBe(2);
    expect(model.done).toBe('You acknowledged this escalation');
    const refused = escalationModel(regional, atRegional(), names, NOW, {
      values: { reason: '' },
      errors: [{ field: 'reason', text: 'Enter why it needs to go up a level', href: '#escalate-reason' }],
    });
    expect(refused).toMatchObject({
      pageTitle: 'Error: Escalation',
      values: { reason: '' },
      errors: { reason: { text: 'Enter why it needs to go up a level' } },
    });
  });

  it('follows the narrowest /live topic the reader may join that carries it', () => {
    const topic = (p: Principal, e = escalation()) => escalationModel(p, e, names, NOW).live;
    expect(topic(lead)).toEqual({ topics: 'cell:ppe', id: escalation().id });
    expect(topic(officer).topics).toBe(`authority:${SANDWELL}`);
    expect(topic(regional).topics).toBe('cell:ppe');
    expect(topic(as({ sub: 'grace', roles: ['authority-officer'], authority: 'E08000025' })).topics).toBe('region');
  });
});

describe('who holds the level, from the rota', () => {
  const held = (heldBy: { key: string; name: string }) =>
    escalationModel(officer, { ...escalation(), heldBy }, names, NOW).summary.find((row) => row.key === 'Held by')
      ?.lines;

  it('names the person on shift beside the role that holds the level', () => {
    expect(held({ key: 'dev-cell-lead', name: 'Priya Shah' })).toEqual([
      'PPE cell lead',
      'Held by Priya Shah (on the rota).',
    ]);
  });

  it('says when no one is on the rota and the fallback contact point holds it', () => {
    expect(held({ key: 'contact:ppe', name: 'PPE cell duty inbox' })).toEqual([
      'PPE cell lead',
      'Held by PPE cell duty inbox (the fallback contact: no one is on the rota).',
    ]);
  });
});
