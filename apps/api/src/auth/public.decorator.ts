import { applyDecorators, SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export const IS_PUBLIC = 'muster:public';

/** No OpenAPI security requirement: the operation says it needs no token (the document's default is bearer). */
const noSecurity = (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
  Reflect.defineMetadata(DECORATORS.API_SECURITY, [], (descriptor?.value as object | undefined) ?? target);
};

/** Operations endpoints (health, metrics) and the problem pages answer without a token. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), noSecurity);
