// History for the feed benchmark: what a region with seven authorities and four cells accumulates over a
// number of days before the reporting day, built with Muster's own domain functions (so every row and
// event has the shape the application writes) and inserted straight into PostgreSQL, with each event's
// journal row dated on its own day. The relay and board projection then take the journal as they would
// have taken it live (the benchmark starts a worker for that).
//
// Per day: each authority's sitrep for each cell (about 3% silent, 10% corrected by a second version,
// some carried-forward figures left out so carrying forward has work to do), two decisions (a valid hash
// chain per cell, continued later by the day's decisions made over HTTP) and on every other day an
// escalation raised and resolved.
import { createHash, randomUUID } from 'node:crypto';

/** Deterministic PRNG (mulberry32), so every database of a run gets the same kind of history. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable number in [0, 1) for a name (a figure's base level and phase). */
function unit(name) {
  return createHash('sha256').update(name).digest().readUInt32BE(0) / 4294967296;
}

/** The cells of a region file as the domain's Cell (what submitSitrep validates figures against). */
export function domainCells(regionFile) {
  return regionFile.cells.map((c) => ({
    slug: c.slug,
    name: c.name,
    description: c.description ?? '',
    status: 'standby',
    decisionTimescaleMinutes: c.decisionTimescaleMinutes,
    figures: c.figures,
    thresholds: c.thresholds ?? [],
    sitrepCutoff: c.sitrepCutoff ?? '10:00',
    activationCriteria: c.activationCriteria ?? [],
  }));
}

/**
 * A figure's value `dayOffset` days from the reporting day (0 = the day itself): a level of its own that
 * drifts slowly over the year. The reporting day's values are the same whatever the length of history.
 */
export function figureValue(cell, authority, figure, dayOffset) {
  const name = `${cell}/${authority}/${figure.key}`;
  const days = figure.key.endsWith('_days');
  const level = days
    ? 2 + 12 * unit(name)
    : figure.key.endsWith('_stock')
      ? 5_000 + 95_000 * unit(name)
      : 5 + 900 * unit(`${name}#`);
  const phase = 2 * Math.PI * unit(`${name}@`);
  return Math.max(0, Math.round(level * (1 + 0.35 * Math.sin(dayOffset / 23 + phase))));
}

/** Every figure of a cell for one authority on one day. */
export function fullFigures(cell, authority, dayOffset) {
  return Object.fromEntries(cell.figures.map((f) => [f.key, figureValue(cell.slug, authority, f, dayOffset)]));
}

const RAG = ['green', 'green', 'green', 'amber', 'amber', 'red'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const ACK_SLA = { critical: 15 * 60_000, high: 30 * 60_000, medium: 60 * 60_000, low: 4 * 3_600_000 };
const at = (window, hours) => new Date(window.start.getTime() + hours * 3_600_000);

/**
 * Builds `days - 1` days of history before `targetDate` (the reporting day itself is made over HTTP).
 * Returns rows per table, the journal's events in time order, and each cell's decision log head.
 */
export function buildHistory({ domain, cells, authorities, targetDate, days, timeZone, seed, principal }) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const sitreps = [];
  const decisions = [];
  const escalations = [];
  const events = []; // { at: Date, event, actor }
  const heads = new Map(); // cell -> { sequence, hash }
  const actor = principal.sub;

  for (let offset = -(days - 1); offset <= -1; offset++) {
    const date = domain.addDays(targetDate, offset);
    const window = domain.reportingDayWindow(date, timeZone);
    for (const cell of cells) {
      for (const authority of authorities) {
        if (rnd() < 0.03) continue; // silent today
        const figures = fullFigures(cell, authority, offset);
        for (const figure of cell.figures) {
          // Partial returns: a carried-forward figure is often not re-sent.
          if (rnd() < (figure.carriesForward ? 0.15 : 0.05)) delete figures[figure.key];
        }
        const rag = rnd() < 0.4 ? pick(RAG) : undefined;
        const first = domain.submitSitrep(
          {
            by: principal,
            at: at(window, 8 + 2 * rnd()),
            timeZone,
            authority,
            date,
            figures,
            ...(rag && { rag }),
            ...(rnd() < 0.2 && { narrative: `Return for ${date}.` }),
          },
          { cell, previous: undefined },
        );
        sitreps.push(first.state);
        for (const event of first.events) events.push({ at: new Date(first.state.submittedAt), event, actor });
        if (rnd() < 0.1) {
          const corrected = { ...figures };
          const key = pick(cell.figures).key;
          corrected[key] = Math.max(0, (corrected[key] ?? 10) + Math.round(5 * (rnd() - 0.3)));
          const second = domain.submitSitrep(
            {
              by: principal,
              at: at(window, 12 + 3 * rnd()),
              timeZone,
              authority,
              date,
              figures: corrected,
              ...(rag && { rag }),
              narrative: 'Corrected return.',
            },
            { cell, previous: first.state },
          );
          sitreps.push(second.state);
          for (const event of second.events) events.push({ at: new Date(second.state.submittedAt), event, actor });
        }
      }
    }

    for (const k of [0, 1]) {
      const cell = cells[(Math.abs(offset) * 2 + k) % cells.length];
      const recordedAt = at(window, 11 + 3 * k + rnd()).toISOString();
      const authoritiesOf =
        rnd() < 0.5
          ? [pick(authorities)]
          : [pick(authorities), pick(authorities)].filter((a, i, l) => l.indexOf(a) === i);
      const entry = domain.linkEntry(
        {
          id: randomUUID(),
          cell: cell.slug,
          marking: rnd() < 0.2 ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL',
          authorities: authoritiesOf,
          recordedAt,
          recordedBy: { sub: principal.sub, name: principal.name },
          body: {
            kind: 'decision',
            record: {
              title: `${cell.name}: decision ${k + 1} of ${date}`,
              decision: 'Redeploy stock and staff between authorities as set out in the cell minutes.',
              rationale: 'Figures reported this morning show the gap widening in two authorities.',
              informationAvailable: "This morning's situation reports and the hub's stock count.",
              options: [
                { option: 'Redeploy now', chosen: true },
                { option: 'Wait for tomorrow', chosen: false, notes: 'Gap widens further.' },
              ],
              decidedBy: principal.name,
              decidedAt: new Date(Date.parse(recordedAt) - 20 * 60_000).toISOString(),
              actions: [
                {
                  action: 'Confirm receipt',
                  owner: 'Cell secretariat',
                  due: new Date(Date.parse(recordedAt) + 86_400_000).toISOString(),
                },
              ],
            },
          },
        },
        heads.get(cell.slug),
      );
      heads.set(cell.slug, { sequence: entry.sequence, hash: entry.hash });
      decisions.push(entry);
      events.push({ at: new Date(recordedAt), event: domain.decisionLogged(entry), actor });
    }

    if (offset % 2 === 0) {
      const cell = pick(cells);
      const raised = domain.raiseEscalation({
        authority: pick(authorities),
        cell: cell.slug,
        title: `${cell.name}: pressure reported on ${date}`,
        detail: 'Reported by the authority at the morning call.',
        severity: pick(SEVERITIES),
        marking: 'OFFICIAL',
        by: principal,
        at: at(window, 10 + rnd()),
        sla: ACK_SLA,
        id: randomUUID(),
      });
      const resolved = domain.resolveEscalation(
        { by: principal, at: at(window, 15 + rnd()), resolution: 'Mutual aid arranged.' },
        raised.state,
      );
      escalations.push(resolved.state);
      for (const event of raised.events) events.push({ at: new Date(raised.state.raisedAt), event, actor });
      for (const event of resolved.events)
        events.push({ at: new Date(resolved.state.history.at(-1).at), event, actor });
    }
  }
  events.sort((a, b) => a.at - b.at);
  return { sitreps, decisions, escalations, events, heads };
}

/** Multi-row INSERTs of up to `batch` rows. */
async function insertRows(client, table, columns, rows, toValues, batch = 500) {
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    const values = [];
    const tuples = slice.map((row, r) => {
      const vs = toValues(row);
      values.push(...vs);
      return `(${vs.map((_, c) => `$${r * vs.length + c + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

/** Writes a history into an empty, migrated and seeded database (one transaction). */
export async function insertHistory(client, history, topicsOf) {
  await client.query('BEGIN');
  try {
    await insertRows(
      client,
      'sitrep',
      ['cell', 'authority', 'date', 'version', 'figures', 'narrative', 'rag', 'submitted_by', 'submitted_at'],
      history.sitreps,
      (s) => [
        s.cell,
        s.authority,
        s.date,
        s.version,
        JSON.stringify(s.figures),
        s.narrative ?? null,
        s.rag ?? null,
        JSON.stringify(s.submittedBy),
        s.submittedAt,
      ],
    );
    await insertRows(
      client,
      'decision_log_entry',
      [
        'id',
        'cell',
        'sequence',
        'kind',
        'amends',
        'marking',
        'authorities',
        'recorded_at',
        'recorded_by',
        'body',
        'hash',
        'prev_hash',
      ],
      history.decisions,
      (e) => [
        e.id,
        e.cell,
        e.sequence,
        'decision',
        null,
        e.marking,
        e.authorities,
        e.recordedAt,
        JSON.stringify(e.recordedBy),
        JSON.stringify(e.body),
        e.hash,
        e.prevHash,
      ],
    );
    for (const [cell, head] of history.heads) {
      await client.query(
        `INSERT INTO decision_log_head (cell, sequence, hash) VALUES ($1, $2, $3)
         ON CONFLICT (cell) DO UPDATE SET sequence = EXCLUDED.sequence, hash = EXCLUDED.hash`,
        [cell, head.sequence, head.hash],
      );
    }
    await insertRows(
      client,
      'escalation',
      [
        'id',
        'authority',
        'cell',
        'title',
        'detail',
        'severity',
        'ask',
        'marking',
        'raised_by',
        'raised_at',
        'level',
        'status',
        'ack_due_at',
        'overdue',
        'decision_request_id',
        'version',
        'history',
      ],
      history.escalations,
      (e) => [
        e.id,
        e.authority ?? null,
        e.cell,
        e.title,
        e.detail,
        e.severity,
        e.ask ?? null,
        e.marking,
        JSON.stringify(e.raisedBy),
        e.raisedAt,
        e.level,
        e.status,
        e.ackDueAt,
        e.overdue,
        null,
        e.version,
        JSON.stringify(e.history),
      ],
    );
    // Unsequenced, in time order (so the relay gives them positions in that order), each dated on its day.
    await insertRows(
      client,
      'journal',
      ['event_id', 'type', 'occurred_at', 'cell', 'authority', 'authorities', 'topics', 'marking', 'data', 'actor'],
      history.events,
      ({ at, event, actor }) => [
        randomUUID(),
        event.type,
        at.toISOString(),
        event.cell ?? null,
        event.authority ?? null,
        event.authorities,
        topicsOf(event),
        event.marking,
        JSON.stringify(event.data),
        actor,
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
