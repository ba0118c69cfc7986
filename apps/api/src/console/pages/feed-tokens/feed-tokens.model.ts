import type { FeedTokenSummary } from '@muster/application';
import { can, Principal } from '@muster/domain';
import { timeText } from '../../view/format';

export interface FeedTokensModel {
  pageTitle: string;
  mayCreate: boolean;
  tokens: Array<{ id: string; label: string; created: string; lastUsed: string }>;
  /** The URL just made: shown this once. */
  created?: { url: string; label: string };
  banner?: string;
  label: { value: string; error?: string };
  errorSummary?: Array<{ text: string; href: string }>;
}

export function feedTokensModel(
  principal: Principal,
  tokens: readonly FeedTokenSummary[],
  timeZone: string,
  state: { created?: { url: string; label: string }; revoked?: boolean; label?: string; error?: string } = {},
): FeedTokensModel {
  return {
    pageTitle: state.error === undefined ? 'Private feed URLs' : 'Error: Private feed URLs',
    mayCreate: can(principal, 'feed.read'),
    tokens: tokens.map((t) => ({
      id: t.id,
      label: t.label,
      created: timeText(t.createdAt.toISOString(), timeZone),
      lastUsed: t.lastUsedAt === null ? 'Never' : timeText(t.lastUsedAt.toISOString(), timeZone),
    })),
    ...(state.created === undefined ? {} : { created: state.created }),
    ...(state.revoked === true ? { banner: 'The private feed URL was revoked: it no longer works.' } : {}),
    label: { value: state.label ?? '', ...(state.error === undefined ? {} : { error: state.error }) },
    ...(state.error === undefined ? {} : { errorSummary: [{ text: state.error, href: '#label' }] }),
  };
}
