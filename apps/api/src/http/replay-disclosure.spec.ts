import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { BIRMINGHAM, hostileView } from '@muster/builders';
import { decisionRequestShown, escalationShown, feedShown, REPLAY_DISCLOSURE } from './replay-disclosure';

const SRC = join(__dirname, '..');

/** Every controller class of the api, found by file name so that a new one cannot be missed. */
async function controllers(): Promise<Array<new (...args: never[]) => unknown>> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.controller.ts'),
  );
  const modules = await Promise.all(files.map((file) => import(join(SRC, file)) as Promise<Record<string, unknown>>));
  return modules
    .flatMap((module) => Object.values(module))
    .filter(
      (value): value is new (...args: never[]) => unknown =>
        typeof value === 'function' && Reflect.getMetadata(PATH_METADATA, value) !== undefined,
    );
}

describe('replay disclosures', () => {
  it('are declared by every POST route, so no stored response is replayed unchecked', async () => {
    const found = await controllers();
    expect(found.length).toBeGreaterThan(5);
    const posts = found.flatMap((controller) => {
      const prototype = controller.prototype as Record<string, unknown>;
      return Object.getOwnPropertyNames(prototype)
        .filter((name) => Reflect.getMetadata(METHOD_METADATA, prototype[name] as object) === RequestMethod.POST)
        .map((name) => ({
          route: `${controller.name}.${name}`,
          declared: typeof Reflect.getMetadata(REPLAY_DISCLOSURE, prototype[name] as object) === 'function',
        }));
    });
    expect(posts.length).toBeGreaterThanOrEqual(11);
    expect(posts.filter((p) => !p.declared)).toEqual([]);
  });

  it('read a stored escalation or decision request as the item it is, with the read its GET needs', () => {
    const stored = {
      id: 'e1',
      cell: 'ppe',
      authority: BIRMINGHAM,
      marking: 'OFFICIAL-SENSITIVE',
      title: 'x',
      history: [],
    };
    expect(escalationShown(stored)).toEqual({
      read: { action: 'reference.read' },
      items: [
        { itemType: 'escalation', id: 'e1', cell: 'ppe', marking: 'OFFICIAL-SENSITIVE', authorities: [BIRMINGHAM] },
      ],
    });
    expect(decisionRequestShown({ ...stored, decision: { id: 'd1' } })).toEqual({
      read: { action: 'cell.view', cell: 'ppe' },
      items: [
        {
          itemType: 'decision-request',
          id: 'e1',
          cell: 'ppe',
          marking: 'OFFICIAL-SENSITIVE',
          authorities: [BIRMINGHAM],
        },
      ],
    });
  });

  it('read every escalation and decision of a stored feed, in its cell', () => {
    const view = JSON.parse(JSON.stringify(hostileView())) as unknown;
    const shown = feedShown(view);
    expect(shown.read).toEqual({ action: 'feed.read' });
    expect(shown.items.length).toBeGreaterThan(0);
    expect(shown.items.every((item) => item.cell !== undefined)).toBe(true);
    expect(new Set(shown.items.map((item) => item.itemType))).toEqual(new Set(['escalation', 'decision']));
  });

  it('refuse a body that is not the route’s response, rather than replay it unread', () => {
    expect(() => escalationShown({ items: [] })).toThrow();
    expect(() => feedShown({ id: 'e1', cell: 'ppe', marking: 'OFFICIAL' })).toThrow();
  });
});
