import type { SitrepReturn, SitrepReturns } from '@muster/application';
import { RAGS } from '@muster/domain';
import { dayText, Option, selectOptions, tag, Tag, timeText } from '../../view/format';

/** What a person typed into one cell's form, kept when it is refused so they need not type it again. */
export interface ReturnInput {
  figures: Record<string, string>;
  narrative: string;
  rag: string;
}

/** A refusal at the fields of one cell's form: `figures.<key>`, `narrative`, `rag` or the form itself (`''`). */
export interface ReturnErrors {
  cell: string;
  errors: Array<{ path: string; message: string }>;
  input: ReturnInput;
}

export interface FigureField {
  id: string;
  name: string;
  label: string;
  unit: string;
  value: string;
  hint: string;
  error?: string;
}

export interface ReturnForm {
  slug: string;
  name: string;
  state: Tag;
  summary: string;
  figures: FigureField[];
  narrative: { id: string; value: string; error?: string };
  rag: {
    name: string;
    idPrefix: string;
    items: Array<{ value: string; text: string; checked: boolean }>;
    hint: string;
    error?: string;
  };
  /** One click for a day like the last: offered until the day's return is in, when figures are known to carry. */
  unchangedOffered: boolean;
  errorSummary?: Array<{ text: string; href: string }>;
}

export interface SitrepsPageModel {
  pageTitle: string;
  heading: string;
  date: string;
  dateText: string;
  authority: string;
  authorityOptions?: Option[];
  /** GOV.UK task list items: each cell's return and where it stands. */
  tasks: Array<{ title: { text: string }; href: string; status: { tag: Tag } }>;
  done: number;
  banner?: string;
  forms: ReturnForm[];
}

const RAG_WORDS: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

function stateOf(r: SitrepReturn, timeZone: string): { tag: Tag; summary: string } {
  const cutoff = timeText(r.cutoffAt, timeZone).split(' on ')[0] ?? '';
  if (r.sent !== undefined) {
    return {
      tag: tag('Done', 'govuk-tag--green'),
      summary: `Sent at ${timeText(r.sent.submittedAt, timeZone)} by ${r.sent.submittedBy.name} (version ${r.sent.version}).`,
    };
  }
  if (r.state === 'late')
    return {
      tag: tag(`Late: due by ${cutoff}`, 'govuk-tag--red'),
      summary: `Not sent: the cut-off was ${cutoff}. Send it now.`,
    };
  return { tag: tag(`Due by ${cutoff}`, 'govuk-tag--yellow'), summary: `Not sent yet: due by ${cutoff}.` };
}

function figureHint(origin: { reportedOn: string } | undefined, date: string): string {
  if (origin === undefined) return 'Not reported yet';
  return origin.reportedOn === date ? 'As sent for this day' : `Carried forward from ${dayText(origin.reportedOn)}`;
}

function formOf(r: SitrepReturn, date: string, timeZone: string, refused: ReturnErrors | undefined): ReturnForm {
  const slug = r.cell.slug;
  const errorAt = (path: string) => refused?.errors.find((e) => e.path === path)?.message;
  const { tag: state, summary } = stateOf(r, timeZone);
  const figures = r.cell.figures.map((f): FigureField => {
    const origin = r.figures[f.key];
    const error = errorAt(`figures.${f.key}`);
    return {
      id: `${slug}-${f.key}`,
      name: `figures.${f.key}`,
      label: f.label,
      unit: f.unit,
      value:
        refused !== undefined ? (refused.input.figures[f.key] ?? '') : origin === undefined ? '' : String(origin.value),
      hint: figureHint(origin, date),
      ...(error === undefined ? {} : { error }),
    };
  });
  // The day's own return says what it says (no RAG is an answer); before it, the last assessment is offered.
  const chosenRag = refused?.input.rag ?? (r.sent === undefined ? (r.ownRag?.rag ?? '') : (r.sent.rag ?? ''));
  const narrativeError = errorAt('narrative');
  const ragError = errorAt('rag');
  const formErrors = refused?.errors ?? [];
  return {
    slug,
    name: r.cell.name,
    state,
    summary,
    figures,
    narrative: {
      id: `${slug}-narrative`,
      value: refused?.input.narrative ?? r.sent?.narrative ?? '',
      ...(narrativeError === undefined ? {} : { error: narrativeError }),
    },
    rag: {
      name: 'rag',
      idPrefix: `${slug}-rag`,
      items: [
        { value: '', text: 'No assessment' },
        ...RAGS.map((rag) => ({ value: rag, text: RAG_WORDS[rag] ?? rag })),
      ].map((item) => ({ ...item, checked: item.value === chosenRag })),
      hint:
        r.ownRag === undefined || r.ownRag.reportedOn === date
          ? 'Your own view, which can be worse than the figures say.'
          : `Your last assessment was ${RAG_WORDS[r.ownRag.rag] ?? r.ownRag.rag} on ${dayText(r.ownRag.reportedOn)}.`,
      ...(ragError === undefined ? {} : { error: ragError }),
    },
    unchangedOffered: r.sent === undefined && Object.keys(r.figures).length > 0,
    ...(formErrors.length === 0
      ? {}
      : {
          errorSummary: formErrors.map((e) => ({
            text: e.path.startsWith('figures.')
              ? `${r.cell.figures.find((f) => `figures.${f.key}` === e.path)?.label ?? e.path} ${e.message}`
              : e.path === ''
                ? e.message
                : `${e.path === 'rag' ? 'RAG' : 'Narrative'} ${e.message}`,
            href: e.path.startsWith('figures.')
              ? `#${slug}-${e.path.slice('figures.'.length)}`
              : e.path === 'rag'
                ? `#${slug}-rag`
                : e.path === 'narrative'
                  ? `#${slug}-narrative`
                  : `#return-${slug}`,
          })),
        }),
  };
}

/**
 * The returns page: one form per cell, each figure labelled with its unit and filled with what the board
 * shows for the day (marked as carried from the day it was reported), the day's state against the cell's
 * cut-off, and any refusal at its fields.
 */
export function sitrepsModel(
  returns: SitrepReturns,
  options: {
    timeZone: string;
    authorities?: ReadonlyArray<{ code: string; name: string }>;
    sent?: string;
    refused?: ReturnErrors;
  },
): SitrepsPageModel {
  const { timeZone, refused } = options;
  const forms = returns.returns.map((r) =>
    formOf(r, returns.date, timeZone, refused?.cell === r.cell.slug ? refused : undefined),
  );
  const sentReturn = returns.returns.find((r) => r.cell.slug === options.sent)?.sent;
  return {
    pageTitle: refused === undefined ? 'Sitreps' : 'Error: Sitreps',
    heading: `Returns for ${returns.authority.name}`,
    date: returns.date,
    dateText: dayText(returns.date),
    authority: returns.authority.code,
    ...(options.authorities === undefined
      ? {}
      : {
          authorityOptions: selectOptions(
            'Choose an authority',
            '',
            options.authorities.map((a) => ({ value: a.code, text: `${a.name} (${a.code})` })),
            returns.authority.code,
          ),
        }),
    tasks: forms.map((f) => ({ title: { text: f.name }, href: `#return-${f.slug}`, status: { tag: f.state } })),
    done: returns.returns.filter((r) => r.sent !== undefined).length,
    ...(sentReturn === undefined
      ? {}
      : {
          banner: `${returns.returns.find((r) => r.cell.slug === options.sent)?.cell.name ?? ''} return sent for ${dayText(returns.date)} (version ${sentReturn.version}).`,
        }),
    forms,
  };
}

/** Today's own figures of a return as sent, for "Submit unchanged": exactly what the board shows for the day. */
export function unchangedFigures(r: SitrepReturn): Record<string, number> {
  return Object.fromEntries(Object.entries(r.figures).map(([key, origin]) => [key, origin.value]));
}
