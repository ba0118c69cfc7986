import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError, Principal } from '@muster/domain';
import type { AuthenticatedRequest } from './auth.guard';

/** The verified principal of the request. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (request.principal === undefined) throw new DomainError('unauthorized', 'a bearer token is required');
  return request.principal;
});
