import { Principal } from '../access/principal';
import { belongsTo, isRegional, isRegionWide } from '../access/roles';
import { decided, Decided } from '../shared/decided';
import { DomainError, forbidden, ruleViolated } from '../shared/domain-error';

/** The two region-wide scopes; any other scope is a cell's own level, named by its slug. */
export const WIDE_SCOPES = ['regional', 'national'] as const;

/** One person holding a scope from `from` (inclusive) to `to` (exclusive). */
export interface Shift {
  sub: string;
  from: Date;
  to: Date;
}

/** A scope's shifts, oldest first. Shifts never overlap: at any instant one person holds a scope, or nobody. */
export interface Rota {
  scope: string;
  shifts: Shift[];
}

/** How far ahead a rota may be planned: a year, so a typing slip (2062 for 2026) is caught. */
export const ROTA_HORIZON_MS = 366 * 24 * 60 * 60 * 1000;
/** More shifts than a year of hourly handovers in one request is a mistake, not a rota. */
export const MAX_SHIFTS = 2_000;

export function mayManageRotas(by: Principal): boolean {
  return isRegional(by) || by.roles.has('admin');
}

/** Who may read a scope's rota: the region-wide roles, and a cell's own people for their cell's. */
export function mayReadRota(by: Principal, scope: string): boolean {
  return isRegionWide(by) || belongsTo(by, scope);
}

/** The shift covering `at`, if anyone's does. */
export function shiftAt(rota: Rota, at: Date): Shift | undefined {
  const t = at.getTime();
  return rota.shifts.find((s) => s.from.getTime() <= t && t < s.to.getTime());
}

export interface ReplaceRotaCommand {
  by: Principal;
  shifts: Shift[];
  at: Date;
  /** Which of the shifts' people are in the directory (the handler reads it). */
  known: ReadonlySet<string>;
}

/**
 * A rota is replaced from now on: shifts that ended by `at` stay as the record of who held the scope; every
 * shift not yet ended (the one in progress included) gives way to the new list. A new shift must end after
 * `at`, at most ROTA_HORIZON_MS ahead, start before it ends, belong to someone in the directory, and overlap
 * neither another new shift nor a kept one: cover is a shift of its own, never two holders at once.
 */
export function replaceRota({ by, shifts, at, known }: ReplaceRotaCommand, held: Rota): Decided<Rota> {
  if (!mayManageRotas(by)) throw forbidden('only regional coordinators and administrators set rotas');
  if (shifts.length > MAX_SHIFTS) throw invalid('shifts', `must hold at most ${String(MAX_SHIFTS)} shifts`);
  const now = at.getTime();
  shifts.forEach((s, i) => {
    if (s.from.getTime() >= s.to.getTime()) throw invalid(`shifts.${String(i)}.to`, 'must be after from');
    if (s.to.getTime() <= now)
      throw invalid(`shifts.${String(i)}.to`, 'must be in the future: a past shift stays as it was');
    if (s.to.getTime() - now > ROTA_HORIZON_MS) throw invalid(`shifts.${String(i)}.to`, 'must be at most a year ahead');
    if (!known.has(s.sub)) throw ruleViolated(`shifts.${String(i)}.sub`, `${s.sub} is not in the people directory`);
  });
  const kept = held.shifts.filter((s) => s.to.getTime() <= now);
  const ordered = shifts
    .map((shift, index) => ({ shift, index }))
    .sort((a, b) => a.shift.from.getTime() - b.shift.from.getTime());
  ordered.forEach(({ shift, index }, n) => {
    const previous = ordered[n - 1];
    if (previous !== undefined && previous.shift.to.getTime() > shift.from.getTime()) {
      throw ruleViolated(
        `shifts.${String(index)}.from`,
        `overlaps shift ${String(previous.index)}: one person holds a scope at a time`,
      );
    }
    if (kept.some((k) => k.to.getTime() > shift.from.getTime())) {
      throw ruleViolated(`shifts.${String(index)}.from`, 'overlaps a shift already worked');
    }
  });
  return decided({ scope: held.scope, shifts: [...kept, ...ordered.map((o) => ({ ...o.shift }))] });
}

export interface HandOverCommand {
  by: Principal;
  to: string;
  at: Date;
  known: ReadonlySet<string>;
}

/**
 * The holder (or a regional coordinator or administrator) hands the shift in progress over: it ends at `at`
 * and `to` holds the rest of it. The state is the new rota and who held it before.
 */
export function handOver({ by, to, at, known }: HandOverCommand, held: Rota): Decided<Rota> & { from: string } {
  const current = shiftAt(held, at);
  if (current === undefined) {
    throw new DomainError('conflict', `nobody holds ${held.scope} on a shift now: set the rota instead`);
  }
  if (current.sub !== by.sub && !mayManageRotas(by)) {
    throw forbidden('only the holder of the shift, a regional coordinator or an administrator hands it over');
  }
  if (to === current.sub) throw ruleViolated('to', `${to} holds ${held.scope} already`);
  if (!known.has(to)) throw ruleViolated('to', `${to} is not in the people directory`);
  const handed: Shift[] = [
    ...(current.from.getTime() < at.getTime() ? [{ ...current, to: at }] : []),
    { sub: to, from: at, to: current.to },
  ];
  const shifts = held.shifts.flatMap((s) => (s === current ? handed : [s]));
  return { ...decided({ scope: held.scope, shifts }), from: current.sub };
}

function invalid(path: string, message: string): DomainError {
  return new DomainError('validation-failed', `${path} ${message}`, [{ path, message }]);
}
