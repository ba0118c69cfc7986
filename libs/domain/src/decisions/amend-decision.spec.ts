import { DomainError } from '../shared/domain-error';
import { currentRecord, prepareAmendment } from './amend-decision';
import { chainOf } from './decision.fixtures';
import { linkEntry } from './hash-chain';

const known = new Set(['E08000025', 'E08000026']);

describe('prepareAmendment', () => {
  const [original] = chainOf(1);

  it('adds the authorities it names to the original’s', () => {
    const prepared = prepareAmendment(original!, { reason: 'typo', changes: { authorities: ['E08000026'] } }, known);
    expect(prepared.authorities).toEqual(['E08000026']);
  });

  it('refuses an empty change', () => {
    expect(() => prepareAmendment(original!, { reason: 'x', changes: {} }, known)).toThrow(DomainError);
  });

  it('refuses a correction that leaves no option chosen', () => {
    const attempt = () =>
      prepareAmendment(original!, { reason: 'x', changes: { options: [{ option: 'o', chosen: false }] } }, known);
    expect(attempt).toThrow(expect.objectContaining({ code: 'rule-violated' }));
  });

  it('refuses to amend an amendment', () => {
    const amendment = linkEntry(
      { ...original!, id: 'a', body: { kind: 'amendment', amends: original!.id, amendment: { reason: 'x', changes: { title: 't' } } } },
      { sequence: 1, hash: original!.hash },
    );
    expect(() => prepareAmendment(amendment, { reason: 'y', changes: { title: 'u' } }, known)).toThrow(
      expect.objectContaining({ code: 'rule-violated' }),
    );
  });

  it('reads the record as corrected, in order', () => {
    if (original!.body.kind !== 'decision') throw new Error('fixture');
    const first = linkEntry(
      { ...original!, id: 'a1', body: { kind: 'amendment', amends: original!.id, amendment: { reason: 'x', changes: { title: 'Second' } } } },
      { sequence: 1, hash: original!.hash },
    );
    const second = linkEntry(
      { ...original!, id: 'a2', body: { kind: 'amendment', amends: original!.id, amendment: { reason: 'y', changes: { title: 'Third', rationale: 'new' } } } },
      { sequence: 2, hash: first.hash },
    );
    const record = currentRecord(original!.body.record, [first, second]);
    expect(record.title).toBe('Third');
    expect(record.rationale).toBe('new');
    expect(record.decision).toBe('d');
  });
});
