import type { Marking } from '@muster/contracts';

/**
 * A printed report's protective marking, at the top and bottom of every page: the stylesheet names one
 * `@page` per marking (report.css), with the marking in its top and bottom margin boxes, and the report's
 * body takes the page of its marking.
 */
export interface ReportMarking {
  text: Marking;
  /** The body class that chooses the named page (`muster-report--official-sensitive`). */
  bodyClasses: string;
}

export function reportMarking(marking: Marking): ReportMarking {
  return { text: marking, bodyClasses: `muster-report muster-report--${marking.toLowerCase()}` };
}

/** The highest marking of anything shown. */
export function highest(markings: Iterable<Marking>): Marking {
  for (const marking of markings) if (marking === 'OFFICIAL-SENSITIVE') return marking;
  return 'OFFICIAL';
}
