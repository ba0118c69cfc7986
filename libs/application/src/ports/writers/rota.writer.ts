import type { Rota } from '@muster/domain';

/** Rotas inside a write transaction (`tx.get(RotaWriter)`). */
export abstract class RotaWriter {
  /** The scope's rota, locked until commit (so two replacements or handovers at once apply in turn). */
  abstract lock(scope: string): Promise<Rota>;
  /** Replaces the scope's shifts with the rota's. */
  abstract replace(rota: Rota): Promise<void>;
}
