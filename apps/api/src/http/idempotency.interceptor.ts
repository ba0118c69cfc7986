import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { from, Observable, catchError, throwError } from 'rxjs';
import { DomainError, type Principal } from '@muster/domain';
import {
  AdmitReplay,
  type IdempotencyClaim,
  IdempotencyKeyTaken,
  IdempotencyRecords,
  RequestContext,
} from '@muster/application';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { REPLAY_DISCLOSURE, ResponseDisclosure } from './replay-disclosure';
import { requestHash } from './request-hash';

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Carries a stored first response to the filter, which sends it as it was. */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('idempotent replay');
  }
}

/** A repeat's caller as they are now, and how to read what the route's stored response shows. */
interface Replayer {
  principal: Principal;
  route: string;
  disclosure: ResponseDisclosure | undefined;
}

/**
 * `Idempotency-Key` on POST: a repeat with the same key and body within 24 h returns the first
 * response and writes nothing. The response is recorded in the same transaction as the change
 * (see TypeOrmUnitOfWork), so a crash cannot separate the two. A repeat is a read of that response,
 * admitted by the caller's clearance and roles now, and audited (AdmitReplay), before it is sent.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyRecords,
    private readonly context: RequestContext,
    private readonly reflector: Reflector,
    private readonly queries: QueryBus,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || request.principal === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new DomainError('validation-failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters', [
        { path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const claim: IdempotencyClaim = {
      principal: request.principal.sub,
      key,
      requestHash: requestHash(request),
      status: this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201,
    };
    const replayer: Replayer = {
      principal: request.principal,
      route: `${context.getClass().name}.${context.getHandler().name}`,
      disclosure: this.reflector.get<ResponseDisclosure | undefined>(REPLAY_DISCLOSURE, context.getHandler()),
    };
    await this.replayIfSeen(claim, replayer);
    this.context.claim(claim);
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          error instanceof IdempotencyKeyTaken ? from(this.replayIfSeen(claim, replayer)) : throwError(() => error),
        ),
      );
  }

  private async replayIfSeen(claim: IdempotencyClaim, replayer: Replayer): Promise<void> {
    const stored = await this.store.find(claim.principal, claim.key);
    if (stored === undefined) return;
    if (stored.requestHash !== claim.requestHash) {
      throw new DomainError('idempotency-key-reused', 'this Idempotency-Key was used with a different request', [
        { path: 'Idempotency-Key', message: 'already used with a different request' },
      ]);
    }
    // Fails closed: a route that does not say what its response shows never replays it unchecked.
    if (replayer.disclosure === undefined)
      throw new Error(`${replayer.route} declares no @Discloses, so its replays cannot be checked`);
    await this.queries.execute(new AdmitReplay(replayer.principal, replayer.disclosure(stored.body)));
    throw new ReplayedResponse(stored.status, stored.body);
  }
}
