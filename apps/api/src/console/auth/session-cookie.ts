import type { CookieSerializeOptions } from '@fastify/cookie';

/** Where the cookies are Secure (everywhere but development) they are `__Host-` ones: this origin, path /, no Domain. */
export interface CookieNames {
  session: string;
  /** The sign-in in progress: state, PKCE verifier and where to return. */
  signIn: string;
  secure: boolean;
}

export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}muster-session`, signIn: `${prefix}muster-signin`, secure };
}

/** HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET that must carry it), path /. */
export function cookieOptions(names: CookieNames, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: names.secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}
