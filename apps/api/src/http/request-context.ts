import { Global, Injectable, Module } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { type IdempotencyClaim, RequestContext, type RequestScope } from '@muster/application';

const CORRELATION_ID = 'muster.correlationId';
const CLAIM = 'muster.idempotency';

/** The request in flight, kept by nestjs-cls: the middleware starts it, the idempotency interceptor adds the claim. */
@Injectable()
export class ClsRequestContext extends RequestContext {
  constructor(private readonly cls: ClsService) {
    super();
  }

  /** Called by the CLS middleware as each request starts. */
  static begin(cls: ClsService, correlationId: string): void {
    cls.set(CORRELATION_ID, correlationId);
  }

  scope(): RequestScope {
    if (!this.cls.isActive()) return {};
    const claim = this.cls.get<IdempotencyClaim | undefined>(CLAIM);
    const correlationId = this.cls.get<string | undefined>(CORRELATION_ID);
    return { ...(claim !== undefined && { claim }), ...(correlationId !== undefined && { correlationId }) };
  }

  claim(claim: IdempotencyClaim): void {
    this.cls.set(CLAIM, claim);
  }
}

/** Global, so the unit of work (in the persistence module) finds the request it serves. */
@Global()
@Module({ providers: [{ provide: RequestContext, useClass: ClsRequestContext }], exports: [RequestContext] })
export class RequestContextModule {}
