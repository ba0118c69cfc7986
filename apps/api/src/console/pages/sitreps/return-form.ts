import { z } from 'zod';
import type { Cell, Rag } from '@muster/domain';
import { RAGS } from '@muster/domain';
import { calendarDate, gssCode, text } from '../../../http/schemas';
import type { ReturnInput } from './sitreps.model';

/** What the page's form says about itself: whose return, for which day, and which button was pressed. */
export const formFrame = z.object({
  authority: gssCode,
  date: calendarDate,
  action: z.enum(['submit', 'unchanged']).default('submit'),
});

/** A figure as people write it: digits with an optional point, thousands commas allowed ("1,200"). */
const NUMBER = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;
const narrativeText = text(10_000);

export type ParsedReturn =
  | {
      frame: z.infer<typeof formFrame>;
      input: ReturnInput;
      body: { figures: Record<string, number>; narrative?: string; rag?: Rag };
      errors: [];
    }
  | { frame: z.infer<typeof formFrame>; input: ReturnInput; errors: Array<{ path: string; message: string }> };

const field = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};

/** One cell's form as posted; undefined when the form itself is not one of the page's (no authority or day). */
export function parseReturnForm(cell: Pick<Cell, 'figures'>, body: Record<string, unknown>): ParsedReturn | undefined {
  const frame = formFrame.safeParse(body);
  if (!frame.success) return undefined;
  const input: ReturnInput = {
    figures: Object.fromEntries(cell.figures.map((f) => [f.key, field(body, `figures.${f.key}`)])),
    narrative: field(body, 'narrative'),
    rag: field(body, 'rag'),
  };
  const errors: Array<{ path: string; message: string }> = [];
  const figures: Record<string, number> = {};
  for (const [key, raw] of Object.entries(input.figures)) {
    const written = raw.trim();
    if (written === '') continue;
    if (!NUMBER.test(written)) errors.push({ path: `figures.${key}`, message: 'must be a number, like 12 or 2.5' });
    else figures[key] = Number(written.replaceAll(',', ''));
  }
  const narrative = input.narrative.trim() === '' ? undefined : narrativeText.safeParse(input.narrative);
  if (narrative !== undefined && !narrative.success)
    errors.push({ path: 'narrative', message: narrative.error.issues[0]?.message ?? 'is not valid' });
  const rag = RAGS.find((r) => r === input.rag);
  if (input.rag !== '' && rag === undefined)
    errors.push({ path: 'rag', message: 'must be green, amber, red or no assessment' });
  if (errors.length > 0) return { frame: frame.data, input, errors };
  return {
    frame: frame.data,
    input,
    body: {
      figures,
      ...(narrative?.success ? { narrative: narrative.data } : {}),
      ...(rag === undefined ? {} : { rag }),
    },
    errors: [],
  };
}
