import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'muster:public';

/** Operations endpoints (health, metrics, docs) answer without a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
