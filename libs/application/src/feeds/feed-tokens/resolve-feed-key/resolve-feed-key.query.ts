import { Query } from '@nestjs/cqrs';
import type { Principal } from '@muster/domain';

/** Who a private feed URL's key reads as, and since when their claims hold; 401 for a key worth nothing. */
export class ResolveFeedKey extends Query<{ reader: Principal; claimsAt: Date }> {
  constructor(readonly key: string) {
    super();
  }
}
