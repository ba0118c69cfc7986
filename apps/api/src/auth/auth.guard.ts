import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { NoteReaderClaims } from '@muster/application';
import type { FastifyRequest } from 'fastify';
import { DomainError, Principal } from '@muster/domain';
import { IS_PUBLIC } from './public.decorator';
import { bearerToken, TokenVerifier } from './token-verifier';

/** The verified caller, and since when its claims hold (the token's `iat`) when the token says. */
export type AuthenticatedRequest = FastifyRequest & { principal?: Principal; claimsAsOf?: Date };

/** Every HTTP route needs a valid token unless marked @Public(). What the caller may do is the policy's. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly commands: CommandBus,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { principal, issuedAt } = await this.verifier.verify(bearerToken(request.headers.authorization));
    // A private feed URL reads as its owner as of their last token: one without the role ends it (noted once per token).
    if (issuedAt !== undefined) {
      request.claimsAsOf = new Date(issuedAt * 1000);
      await this.commands.execute(new NoteReaderClaims(principal, request.claimsAsOf));
    }
    // A valid token that grants no Muster role may do nothing here: one answer for every route.
    if (principal.roles.size === 0) throw new DomainError('forbidden', 'your token carries no Muster role');
    request.principal = principal;
    return true;
  }
}
