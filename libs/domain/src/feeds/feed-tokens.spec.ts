import { principal } from '../access/principal';
import { DomainError } from '../shared/domain-error';
import { createFeedToken, type CreateFeedTokenCommand, feedKeyReader, MAX_FEED_TOKENS } from './feed-tokens';
import { lead, member, officerOf, person, rule, SANDWELL } from '@muster/builders';

const AT = new Date('2026-11-20T10:00:00.000Z');
const mayor = person('mayors-office');
const create = rule(createFeedToken);
const command = (by = mayor): CreateFeedTokenCommand => ({
  by,
  at: AT,
  id: 'token-1',
  keyHash: new Uint8Array([1, 2, 3]),
  label: 'Phone',
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('private feed URLs', () => {
  it('given fewer than the limit held, then those who read the feeds make one (kept by its key’s hash), with nothing to journal', () => {
    const { state } = create.given(0).when(command()).thenNothing();
    expect(state).toEqual({ id: 'token-1', keyHash: new Uint8Array([1, 2, 3]), label: 'Phone', createdAt: AT });
    create
      .given(MAX_FEED_TOKENS - 1)
      .when(command(lead()))
      .thenNothing();
  });

  it('given the limit held already, then it is refused, naming the limit', () => {
    create.given(MAX_FEED_TOKENS).when(command()).thenRefused('rule-violated', 'feedTokens');
  });

  it('given someone who does not read the feeds, then it is forbidden', () => {
    create.given(0).when(command(member())).thenRefused('forbidden');
    create
      .given(0)
      .when(command(officerOf(SANDWELL)))
      .thenRefused('forbidden');
  });

  it('read as their owner while the owner reads the feeds; otherwise, or without an owner, 401', () => {
    const owner = member();
    expect(feedKeyReader(mayor)).toBe(mayor);
    expect(codeOf(() => feedKeyReader(owner))).toBe('unauthorized');
    expect(codeOf(() => feedKeyReader(principal({ sub: 'm', roles: [] })))).toBe('unauthorized');
    expect(codeOf(() => feedKeyReader(undefined))).toBe('unauthorized');
  });
});
