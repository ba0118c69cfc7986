import { parseReturnForm } from './return-form';

const cell = {
  figures: [
    { key: 'hubs', label: 'Hubs', unit: 'hubs', carriesForward: true },
    { key: 'parcels', label: 'Parcels', unit: 'parcels', carriesForward: false },
  ],
};
const frame = { authority: 'E08000028', date: '2026-11-20', _csrf: 'x' };

describe('a return as its form posts it', () => {
  it('reads figures as people write them, leaving a blank one out, with the RAG and narrative', () => {
    const parsed = parseReturnForm(cell, {
      ...frame,
      'figures.hubs': ' 1,200 ',
      'figures.parcels': '',
      rag: 'amber',
      narrative: 'Busy',
    });
    expect(parsed).toEqual({
      frame: { authority: 'E08000028', date: '2026-11-20', action: 'submit' },
      input: { figures: { hubs: ' 1,200 ', parcels: '' }, narrative: 'Busy', rag: 'amber' },
      body: { figures: { hubs: 1200 }, narrative: 'Busy', rag: 'amber' },
      errors: [],
    });
  });

  it('names each field that is not a number or a RAG, keeping what was typed', () => {
    const parsed = parseReturnForm(cell, { ...frame, 'figures.hubs': 'two', 'figures.parcels': '1e3', rag: 'purple' });
    expect(parsed?.errors).toEqual([
      { path: 'figures.hubs', message: 'must be a number, like 12 or 2.5' },
      { path: 'figures.parcels', message: 'must be a number, like 12 or 2.5' },
      { path: 'rag', message: 'must be green, amber, red or no assessment' },
    ]);
    expect(parsed?.input.figures).toEqual({ hubs: 'two', parcels: '1e3' });
    expect(parsed !== undefined && 'body' in parsed).toBe(false);
  });

  it('passes a negative figure on for the domain to refuse at its field, and takes no narrative when blank', () => {
    const parsed = parseReturnForm(cell, { ...frame, 'figures.hubs': '-1', narrative: '   ' });
    expect(parsed !== undefined && 'body' in parsed ? parsed.body : undefined).toEqual({ figures: { hubs: -1 } });
  });

  it('is no form of the page without its authority and day, or with another button', () => {
    expect(parseReturnForm(cell, { 'figures.hubs': '1' })).toBeUndefined();
    expect(parseReturnForm(cell, { ...frame, date: '2026-02-30' })).toBeUndefined();
    expect(parseReturnForm(cell, { ...frame, action: 'delete' })).toBeUndefined();
  });
});
