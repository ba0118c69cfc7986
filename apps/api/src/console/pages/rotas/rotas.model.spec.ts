import { rotasModel } from './rotas.model';

describe('the rotas page', () => {
  it('shows each scope’s holder now, marks a fallback contact point, and lists the shifts in local time', () => {
    const model = rotasModel(
      [
        {
          title: 'Regional',
          rota: {
            scope: 'regional',
            holder: { key: 'sam', name: 'Sam Hughes' },
            shifts: [
              {
                sub: 'sam',
                name: 'Sam Hughes',
                from: new Date('2026-07-01T07:00:00Z'),
                to: new Date('2026-07-01T19:00:00Z'),
              },
            ],
          },
        },
        {
          title: 'National',
          rota: { scope: 'national', holder: { key: 'contact:national', name: 'NCC' }, shifts: [] },
        },
      ],
      'Europe/London',
    );
    expect(model.rows.map((r) => [r.scope, r.holder, r.fallback, r.shifts.length])).toEqual([
      ['regional', 'Sam Hughes', false, 1],
      ['national', 'NCC', true, 0],
    ]);
    expect(model.rows[0]?.shifts[0]?.from).toContain('08:00');
  });
});
