import type { BoardCell, BoardFigure } from '@muster/application';
import type { Rag } from '@muster/domain';
import { dayText, escapeHtml, figureText } from '../../view/format';

const RAG_TAGS: Record<Rag | 'none', string> = {
  red: '<strong class="govuk-tag govuk-tag--red">Red</strong>',
  amber: '<strong class="govuk-tag govuk-tag--orange">Amber</strong>',
  green: '<strong class="govuk-tag govuk-tag--green">Green</strong>',
  none: '<strong class="govuk-tag govuk-tag--grey">No RAG</strong>',
};
const STALE = ' <strong class="govuk-tag govuk-tag--yellow">Stale</strong>';
const CARRIED = '<span class="muster-carried"> (carried forward)</span>';

/**
 * One cell's authority rows, as HTML: the one part of a page built in TypeScript rather than a template.
 * A national board has some 17,000 rows and 140,000 figures; Nunjucks spends several times longer on
 * them than the JSON board takes in all (bench/console-board.mjs), so the rows are written here, every
 * text escaped, with the same words and tags the template would give. Cells take their look from
 * `.muster-authorities` (console.css) instead of a class each.
 */
export function authorityRows(cell: BoardCell, figures: readonly BoardFigure[]): string {
  let html = '';
  const days = new Map<string, string>();
  for (const a of cell.authorities) {
    const reported = a.reportedFor === null ? 'Never' : (days.get(a.reportedFor) ?? dayText(a.reportedFor));
    if (a.reportedFor !== null) days.set(a.reportedFor, reported);
    html += `<tr><th scope="row">${escapeHtml(a.name)}</th><td>${RAG_TAGS[a.rag ?? 'none']}</td><td>${reported}${a.stale ? STALE : ''}</td>`;
    for (const figure of figures) {
      const value = a.figures[figure.key];
      html +=
        value === undefined
          ? '<td>—</td>'
          : `<td>${figureText(value)}${a.carried.includes(figure.key) ? CARRIED : ''}</td>`;
    }
    html += '</tr>';
  }
  return html;
}
