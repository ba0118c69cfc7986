import { admin, lead, regional, rule } from '@muster/builders';
import { handOver, holderKey, type Rota, replaceRota, shiftAt } from '@muster/domain';

const at = new Date('2026-12-01T12:00:00.000Z');
const h = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
const known = new Set(['asha', 'ben', 'cara']);
const empty: Rota = { scope: 'regional', shifts: [] };
const worked: Rota = {
  scope: 'regional',
  shifts: [
    { sub: 'asha', from: h(-10), to: h(-2) },
    { sub: 'ben', from: h(-2), to: h(6) },
    { sub: 'cara', from: h(6), to: h(14) },
  ],
};

describe('replacing a rota', () => {
  it('keeps the shifts already worked and replaces the rest, in order, the one in progress included', () => {
    const { state } = rule(replaceRota)
      .given(worked)
      .when({
        by: regional(),
        at,
        known,
        shifts: [
          { sub: 'cara', from: h(4), to: h(8) },
          { sub: 'asha', from: h(0), to: h(4) },
        ],
      })
      .thenNothing();
    expect(state.shifts.map((s) => [s.sub, s.from.getTime(), s.to.getTime()])).toEqual([
      ['asha', h(-10).getTime(), h(-2).getTime()],
      ['asha', h(0).getTime(), h(4).getTime()],
      ['cara', h(4).getTime(), h(8).getTime()],
    ]);
  });

  it('lets shifts meet end to start: the later one holds from the boundary', () => {
    const { state } = rule(replaceRota)
      .given(empty)
      .when({
        by: admin(),
        at,
        known,
        shifts: [
          { sub: 'asha', from: h(0), to: h(4) },
          { sub: 'ben', from: h(4), to: h(8) },
        ],
      })
      .decided();
    expect(shiftAt(state, h(4))?.sub).toBe('ben');
    expect(shiftAt(state, new Date(h(4).getTime() - 1))?.sub).toBe('asha');
  });

  it('refuses overlapping shifts, naming the later one', () => {
    rule(replaceRota)
      .given(empty)
      .when({
        by: regional(),
        at,
        known,
        shifts: [
          { sub: 'asha', from: h(2), to: h(6) },
          { sub: 'ben', from: h(0), to: h(3) },
        ],
      })
      .thenRefused('rule-violated', 'shifts.0.from');
  });

  it('refuses a shift reaching back over one already worked', () => {
    rule(replaceRota)
      .given(worked)
      .when({ by: regional(), at, known, shifts: [{ sub: 'ben', from: h(-3), to: h(2) }] })
      .thenRefused('rule-violated', 'shifts.0.from');
  });

  it.each([
    ['ending before it starts', { sub: 'asha', from: h(3), to: h(2) }, 'validation-failed', 'shifts.0.to'],
    ['as long as nothing', { sub: 'asha', from: h(3), to: h(3) }, 'validation-failed', 'shifts.0.to'],
    ['already over', { sub: 'asha', from: h(-3), to: h(0) }, 'validation-failed', 'shifts.0.to'],
    ['more than a year ahead', { sub: 'asha', from: h(1), to: h(367 * 24) }, 'validation-failed', 'shifts.0.to'],
    ['of someone not in the directory', { sub: 'zed', from: h(1), to: h(2) }, 'rule-violated', 'shifts.0.sub'],
  ] as const)('refuses a shift %s', (_label, shift, code, path) => {
    rule(replaceRota)
      .given(empty)
      .when({ by: regional(), at, known, shifts: [shift] })
      .thenRefused(code, path);
  });

  it('is for regional coordinators and administrators only', () => {
    rule(replaceRota).given(empty).when({ by: lead(), at, known, shifts: [] }).thenRefused('forbidden');
  });
});

describe('the holder of a scope', () => {
  it('is whoever’s shift covers the moment, from its start up to (not including) its end', () => {
    expect(holderKey(worked, h(-2))).toBe('ben');
    expect(holderKey(worked, h(5))).toBe('ben');
    expect(holderKey(worked, h(6))).toBe('cara');
  });

  it('is the scope’s fallback contact point in a gap, before the first shift and after the last', () => {
    expect(holderKey(worked, h(-11))).toBe('contact:regional');
    expect(holderKey(worked, h(14))).toBe('contact:regional');
    expect(holderKey({ scope: 'ppe', shifts: [] }, at)).toBe('contact:ppe');
  });
});

describe('handing over mid-shift', () => {
  it('ends the holder’s shift now and gives the rest of it to the new holder', () => {
    const decided = rule(handOver)
      .given(worked)
      .when({ by: lead({ sub: 'ben' }), to: 'asha', at, known })
      .thenNothing();
    expect(decided.state.shifts.map((s) => [s.sub, s.from.getTime(), s.to.getTime()])).toEqual([
      ['asha', h(-10).getTime(), h(-2).getTime()],
      ['ben', h(-2).getTime(), at.getTime()],
      ['asha', at.getTime(), h(6).getTime()],
      ['cara', h(6).getTime(), h(14).getTime()],
    ]);
    expect(holderKey(decided.state, at)).toBe('asha');
  });

  it('says who held it before', () => {
    expect(handOver({ by: regional(), to: 'cara', at, known }, worked).from).toBe('ben');
  });

  it('may be done by a regional coordinator or an administrator, not by someone else', () => {
    expect(rule(handOver).given(worked).when({ by: admin(), to: 'cara', at, known }).verdict()).toBe('ok');
    rule(handOver)
      .given(worked)
      .when({ by: lead({ sub: 'asha' }), to: 'asha', at, known })
      .thenRefused('forbidden');
  });

  it('refuses handing to the holder, to a stranger, or when no shift covers now', () => {
    rule(handOver).given(worked).when({ by: regional(), to: 'ben', at, known }).thenRefused('rule-violated', 'to');
    rule(handOver).given(worked).when({ by: regional(), to: 'zed', at, known }).thenRefused('rule-violated', 'to');
    rule(handOver).given(empty).when({ by: regional(), to: 'ben', at, known }).thenRefused('conflict');
  });
});
