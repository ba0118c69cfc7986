import { dayText, escapeHtml, figureText, timeText } from './format';

describe('console formatting', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [1200, '1,200'],
    [1234567, '1,234,567'],
    [-45000, '-45,000'],
    [2.5, '2.5'],
    [1234.567, '1,234.57'],
  ])('writes the figure %p as %p', (value, text) => {
    expect(figureText(value)).toBe(text);
  });

  it('writes days and times as GOV.UK does, in the region’s time', () => {
    expect(dayText('2026-11-20')).toBe('20 November 2026');
    expect(timeText('2026-06-15T09:05:00.000Z', 'Europe/London')).toBe('10:05 on 15 June 2026');
  });

  it('escapes markup and quotes, and leaves plain text as it is', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const plain = 'Sandwell';
    expect(escapeHtml(plain)).toBe(plain);
  });
});
