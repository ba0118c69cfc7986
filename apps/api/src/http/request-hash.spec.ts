import { DomainError } from '@muster/domain';
import { requestHash } from './request-hash';

const post = (body: unknown, url = '/api/v1/cells/ppe/decisions') => requestHash({ method: 'POST', url, body });

function refusal(body: unknown): DomainError {
  try {
    post(body);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('requestHash', () => {
  it('is the same for the same content in any key order, and differs by path and body', () => {
    expect(post({ title: 't', options: [{ chosen: true, option: 'o' }] })).toBe(
      post({ options: [{ option: 'o', chosen: true }], title: 't' }),
    );
    expect(post({ title: 't' }, '/api/v1/cells/ppe/decisions?x=1')).toBe(post({ title: 't' }));
    expect(post({ title: 't' }, '/api/v1/cells/food/decisions')).not.toBe(post({ title: 't' }));
    expect(post({ title: 'u' })).not.toBe(post({ title: 't' }));
    expect(post(undefined)).toBe(post(null));
  });

  it('hashes a body nested 100,000 deep (validation refuses it afterwards, the hash must not overflow)', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) as unknown;
    expect(post(deep)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses text that is not Unicode (a lone surrogate) as a 400 naming the field, wherever it is', () => {
    expect(refusal({ title: 'lone \uD800' })).toMatchObject({ code: 'validation-failed', errors: [{ path: 'title' }] });
    expect(refusal({ title: 'ok', options: [{ option: 'a' }, { option: 'b', notes: '\uDC00\uD800' }] }).errors).toEqual(
      [{ path: 'options.1.notes', message: 'must be well-formed Unicode (no lone surrogates)' }],
    );
    expect(refusal({ figures: { 'masks\uDBFF': 3 } }).errors[0]?.path).toBe('figures.masks\uDBFF');
    expect(refusal('\uDFFF').errors[0]?.path).toBe('');
  });

  it('keeps a well-formed astral pair', () => {
    expect(post({ title: 'masks 😷' })).toMatch(/^[0-9a-f]{64}$/);
  });
});
