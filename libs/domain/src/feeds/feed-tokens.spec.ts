import { principal } from '../access/principal';
import { DomainError } from '../shared/domain-error';
import { assertMayCreateFeedToken, feedKeyReader, MAX_FEED_TOKENS } from './feed-tokens';

const mayor = principal({ sub: 'm', roles: ['mayors-office'] });
const lead = principal({ sub: 'l', roles: ['cell-lead'], cells: ['ppe'] });
const member = principal({ sub: 'c', roles: ['cell-member'], cells: ['ppe'] });
const officer = principal({ sub: 'o', roles: ['authority-officer'], authority: 'E08000028' });

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
  it('may be made by those who read the feeds, up to the limit', () => {
    expect(codeOf(() => assertMayCreateFeedToken(mayor, 0))).toBeUndefined();
    expect(codeOf(() => assertMayCreateFeedToken(lead, MAX_FEED_TOKENS - 1))).toBeUndefined();
    expect(codeOf(() => assertMayCreateFeedToken(mayor, MAX_FEED_TOKENS))).toBe('rule-violated');
  });

  it('are refused to those who do not read the feeds', () => {
    expect(codeOf(() => assertMayCreateFeedToken(member, 0))).toBe('forbidden');
    expect(codeOf(() => assertMayCreateFeedToken(officer, 0))).toBe('forbidden');
  });

  it('read as their owner while the owner reads the feeds; otherwise, or without an owner, 401', () => {
    expect(feedKeyReader(mayor)).toBe(mayor);
    expect(codeOf(() => feedKeyReader(member))).toBe('unauthorized');
    expect(codeOf(() => feedKeyReader(principal({ sub: 'm', roles: [] })))).toBe('unauthorized');
    expect(codeOf(() => feedKeyReader(undefined))).toBe('unauthorized');
  });
});
