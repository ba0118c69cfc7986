import type { DailyFeedView } from '@muster/application';
import { buildDailyFeed, type Cell } from '@muster/domain';
import { BIRMINGHAM, COVENTRY, LONDON, REGION } from './region';

/** Text a template must not trust: markup, entities, quotes, CDATA ends, controls, emoji and RTL. */
export const HOSTILE = `<script>alert("x")</script> & Co's "best" ]]> <![CDATA[ \u0001\u0008 🚑 مأوى 避難所`;

const cell = (slug: string, name: string): Cell => ({
  slug,
  name,
  description: '',
  status: 'active',
  decisionTimescaleMinutes: 60,
  sitrepCutoff: '10:00',
  figures: [{ key: 'stock', label: `Stock ${HOSTILE}`, unit: `<u>`, carriesForward: true }],
  thresholds: [{ figure: 'stock', direction: 'lower-is-worse', red: 3, amber: 7 }],
  activationCriteria: [],
});

/** One day's feed for the templates, with hostile text wherever a person or a file could put text. */
export function hostileView(date = '2026-11-20', version = 1): DailyFeedView {
  const feed = buildDailyFeed({
    date,
    region: { code: REGION.code, name: `West Midlands ${HOSTILE}` },
    // Late in the day: past the 10:00 cut-off, so a silent authority is stale.
    generatedAt: new Date(`${date}T23:00:00.000Z`),
    timeZone: LONDON,
    cells: [
      {
        cell: cell('ppe', `PPE ${HOSTILE}`),
        authorities: [
          { code: BIRMINGHAM, name: `Birmingham ${HOSTILE}` },
          { code: COVENTRY, name: 'Coventry' },
        ],
        figures: new Map([[BIRMINGHAM, { stock: 2 }]]),
        previousFigures: new Map([[BIRMINGHAM, { stock: 4.5 }]]),
        reports: new Map([[BIRMINGHAM, { reported: true }]]),
        escalations: {
          opened: [
            {
              id: 'e1',
              title: `Escalation ${HOSTILE}`,
              level: 'cell',
              status: 'open',
              overdue: false,
              raisedAt: `${date}T09:00:00.000Z`,
              marking: 'OFFICIAL',
            },
          ],
          open: [],
          breached: [],
        },
        decisions: [
          {
            id: 'd"1',
            title: `Decision ${HOSTILE}`,
            recordedAt: `${date}T10:15:00.000Z`,
            sequence: 3,
            marking: 'OFFICIAL-SENSITIVE',
            authorities: [],
          },
        ],
        head: { sequence: 3, hash: 'a'.repeat(64) },
      },
    ],
  });
  return { ...feed, version, throughSeq: 42 };
}
