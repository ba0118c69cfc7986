import { AsyncLocalStorage } from 'node:async_hooks';
import { type IdempotencyClaim, RequestContext, type RequestScope } from '@muster/application';

/** Each request's scope in its own async context, as the api's CLS middleware keeps it. */
export class RequestsInFlight extends RequestContext {
  private readonly current = new AsyncLocalStorage<RequestScope>();

  /** Runs `work` as one request with the given scope. */
  run<T>(scope: RequestScope, work: () => T): T {
    return this.current.run({ ...scope }, work);
  }

  scope(): RequestScope {
    return { ...this.current.getStore() };
  }

  claim(claim: IdempotencyClaim): void {
    const scope = this.current.getStore();
    if (scope !== undefined) scope.claim = claim;
  }
}
