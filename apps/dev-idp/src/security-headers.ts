import helmet from 'helmet';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { STYLE_HASH } from './pages/layout';

type Next = () => Promise<unknown>;

/**
 * Helmet's headers on every response, with a policy that runs no script of ours: `script-src 'self'` is
 * there only so that oidc-provider can add the hash of the one auto-submitting form it renders itself
 * (sign-out when the session has already ended). Forms may post to this origin and, since a form post's
 * redirects are checked too, on to the console's redirect URIs.
 */
export function securityHeaders(formTargets: readonly string[]) {
  const origins = [...new Set(formTargets.map((uri) => new URL(uri).origin))];
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: [STYLE_HASH],
        imgSrc: ["'self'"],
        formAction: ["'self'", ...origins],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    // Development over plain http: HSTS would only confuse a browser that later meets https here.
    strictTransportSecurity: false,
    // Never to another site (the addresses carry interaction ids), but a form post keeps its Origin.
    referrerPolicy: { policy: 'same-origin' },
  });
  return async (ctx: KoaContextWithOIDC, next: Next): Promise<void> => {
    await new Promise<void>((resolve, reject) => {
      apply(ctx.req, ctx.res, (error?: unknown) =>
        error === undefined ? resolve() : reject(error instanceof Error ? error : new Error('helmet failed')),
      );
    });
    await next();
  };
}
