import type { RotaView } from '@muster/application';
import { timeText } from '../../view/format';

/** Shifts shown per scope: the one in progress and the next few. */
const SHIFTS_SHOWN = 4;

export interface RotaRow {
  scope: string;
  title: string;
  holder: string;
  /** Whether no shift covers now and the scope's fallback contact point holds it. */
  fallback: boolean;
  shifts: Array<{ name: string; from: string; to: string; fromIso: string; toIso: string }>;
}

export interface RotasModel {
  pageTitle: string;
  rows: RotaRow[];
}

/** The rotas a person may read, read-only: who holds each scope now and who comes next. */
export function rotasModel(rotas: ReadonlyArray<{ title: string; rota: RotaView }>, timeZone: string): RotasModel {
  return {
    pageTitle: 'Rotas',
    rows: rotas.map(({ title, rota }) => ({
      scope: rota.scope,
      title,
      holder: rota.holder.name,
      fallback: rota.holder.key.startsWith('contact:'),
      shifts: rota.shifts.slice(0, SHIFTS_SHOWN).map((s) => ({
        name: s.name,
        from: timeText(s.from.toISOString(), timeZone),
        to: timeText(s.to.toISOString(), timeZone),
        fromIso: s.from.toISOString(),
        toIso: s.to.toISOString(),
      })),
    })),
  };
}
