import type { SignedIn } from './auth/console-sessions';

/** What every console template may use, beside the page's own model (see setup/current-user.ts). */
export interface LayoutLocals {
  user: { name: string; role: string } | undefined;
  navigation: Array<{ href: string; text: string; current: boolean }>;
  /** This page's CSRF token, for every form that posts. */
  csrfToken: string | undefined;
  assetVersion: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The console's signed-in person, when the session cookie names a live session (setup/session.ts). */
    signedIn?: SignedIn;
    layout?: LayoutLocals;
  }
  interface FastifyContextConfig {
    /** A console route a signed-out visitor may reach: sign-in itself and the provider's callbacks. */
    consolePublic?: boolean;
    /** A POST that is not a console form (the provider's back-channel logout): there is no token to check. */
    csrfExempt?: boolean;
  }
}
