import { MAX_FEED_TOKENS } from '@muster/domain';
import { lead, member, outcomeOf, person } from '@muster/builders';
import { FakeClock, fakeFeedTokens, FakeStore } from '@muster/doubles';
import { feedKeyHash } from '../feed-key';
import { CreateFeedToken } from './create-feed-token.command';
import { CreateFeedTokenHandler } from './create-feed-token.handler';

const NOW = new Date('2026-11-20T10:00:00.500Z');

describe('CreateFeedTokenHandler', () => {
  let store: FakeStore;
  let handler: CreateFeedTokenHandler;
  const mayor = person('mayors-office', { sub: 'alex', name: 'Alex Morgan' });

  beforeEach(() => {
    store = new FakeStore();
    handler = new CreateFeedTokenHandler(new FakeClock(NOW), store);
  });

  it('gives the key once and keeps only its hash, with the owner’s claims as of their token, to the whole second', async () => {
    const created = await handler.execute(new CreateFeedToken(mayor, 'Phone', new Date('2026-11-20T09:59:59.900Z')));

    const { tokens, readers } = store.tables(fakeFeedTokens);
    expect(tokens).toEqual([
      {
        id: created.id,
        keyHash: feedKeyHash(created.key),
        label: 'Phone',
        createdAt: NOW,
        owner: 'alex',
        lastUsedAt: null,
      },
    ]);
    expect(created).toEqual({
      id: created.id,
      label: 'Phone',
      createdAt: NOW,
      lastUsedAt: null,
      key: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(readers.get('alex')).toEqual({
      owner: { sub: 'alex', name: 'Alex Morgan', roles: ['mayors-office'], cells: [], clearance: 'OFFICIAL' },
      claimsAt: new Date('2026-11-20T09:59:59.000Z'),
    });
    expect(store.events).toEqual([]);
  });

  it('refuses one more than the limit, and a person who does not read the feeds, writing nothing', async () => {
    for (let i = 0; i < MAX_FEED_TOKENS; i += 1) await handler.execute(new CreateFeedToken(lead(), `Reader ${i}`));
    const before = store.snapshot();
    expect(await outcomeOf(handler.execute(new CreateFeedToken(lead(), 'One too many')))).toBe('rule-violated');
    expect(await outcomeOf(handler.execute(new CreateFeedToken(member(), 'Not mine to have')))).toBe('forbidden');
    expect(store.snapshot()).toEqual(before);
  });
});
