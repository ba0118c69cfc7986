import { type FeedReaderClaims, FeedTokenStore, type FeedTokenSummary, FeedTokenWriter } from '@muster/application';
import type { FeedToken } from '@muster/domain';
import { FakeTables, fakeWriterFor } from '../fake-store';

export interface HeldFeedToken extends FeedToken {
  owner: string;
  lastUsedAt: Date | null;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Private feed URLs and their owners' claims, in memory; read and revoked as the feed token store. */
export class FakeFeedTokens extends FeedTokenStore implements FakeTables<FeedTokenWriter> {
  readonly tokens: HeldFeedToken[] = [];
  readonly readers = new Map<string, { owner: FeedReaderClaims; claimsAt: Date }>();

  begin() {
    const tokens = [...this.tokens];
    const readers = new Map(this.readers);
    const writer = new (class extends FeedTokenWriter {
      async lockOwner(owner: FeedReaderClaims, claimsAt: Date): Promise<number> {
        if (!readers.has(owner.sub)) readers.set(owner.sub, { owner, claimsAt });
        return tokens.filter((t) => t.owner === owner.sub).length;
      }
      async insert(owner: string, token: FeedToken): Promise<void> {
        tokens.push({ ...token, owner, lastUsedAt: null });
      }
    })();
    const commit = () => {
      this.tokens.splice(0, this.tokens.length, ...tokens);
      this.readers.clear();
      for (const [sub, reader] of readers) this.readers.set(sub, reader);
    };
    return { writer, commit };
  }

  snapshot(): unknown {
    return { tokens: this.tokens, readers: [...this.readers] };
  }

  async list(sub: string): Promise<FeedTokenSummary[]> {
    return this.tokens
      .filter((t) => t.owner === sub)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map(({ id, label, createdAt, lastUsedAt }) => ({ id, label, createdAt, lastUsedAt }));
  }

  async revoke(sub: string, id: string): Promise<boolean> {
    const index = this.tokens.findIndex((t) => t.owner === sub && t.id === id);
    if (index < 0) return false;
    this.tokens.splice(index, 1);
    return true;
  }

  async ownerOf(keyHash: Uint8Array, now: Date): Promise<{ owner: FeedReaderClaims; claimsAt: Date } | undefined> {
    const token = this.tokens.find((t) => sameBytes(t.keyHash, keyHash));
    if (token === undefined) return undefined;
    token.lastUsedAt = now;
    return this.readers.get(token.owner);
  }

  async noteClaims(owner: FeedReaderClaims, claimsAt: Date): Promise<void> {
    const held = this.readers.get(owner.sub);
    if (held !== undefined && held.claimsAt <= claimsAt) this.readers.set(owner.sub, { owner, claimsAt });
  }
}

export const fakeFeedTokens = fakeWriterFor(FeedTokenWriter, () => new FakeFeedTokens());
