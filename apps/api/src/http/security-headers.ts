import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { DASHBOARD_PATH } from '../queues/queue-dashboard';

export interface Csp {
  useDefaults: false;
  directives: Record<string, string[]>;
}

/** The api answers JSON, Atom and a self-contained HTML feed page (inline styles, no scripts). */
const API_CSP: Csp = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/** Swagger UI: its own scripts and styles from /docs, inline styles, data: images, calls to the api. */
const DOCS_CSP: Csp = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** bull-board: its bundle from the dashboard, inline style attributes, and the Google fonts it links. */
const DASHBOARD_CSP: Csp = {
  useDefaults: false,
  directives: {
    ...DOCS_CSP.directives,
    styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
    fontSrc: ["'self'", 'https://fonts.gstatic.com', 'data:'],
  },
};

type Policy = 'api' | 'docs' | 'dashboard' | 'console';
type ApplyHeaders = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

declare module 'fastify' {
  interface FastifyContextConfig {
    securityHeaders?: Policy;
    /** Only health checks and the docs: everything else may answer with content filtered for one reader. */
    cacheable?: boolean;
  }
}

/**
 * Helmet's headers (nosniff, frame and referrer policies, HSTS, ...) and `Cache-Control: no-store` on
 * every response but the health checks' and the docs', with a
 * content security policy that fits what each path serves. Each policy's helmet is built once: building
 * one per request (as @fastify/helmet does) parses the policy again every time. Register before routes.
 * The console's policy is its own (console/setup/security-headers.ts); its routes say so in their config.
 */
export function installSecurityHeaders(fastify: FastifyInstance, consoleCsp: Csp): void {
  const policies: Record<Policy, ApplyHeaders> = {
    api: helmet({ contentSecurityPolicy: API_CSP }),
    docs: helmet({ contentSecurityPolicy: DOCS_CSP }),
    dashboard: helmet({ contentSecurityPolicy: DASHBOARD_CSP }),
    // Same-origin referrers: under no-referrer a browser's form posts say `Origin: null`, and the console's
    // CSRF check wants its own origin there; other sites still learn nothing.
    console: helmet({ contentSecurityPolicy: consoleCsp, referrerPolicy: { policy: 'same-origin' } }),
  };
  // Swagger and bull-board add their own routes; their pages get a policy they can run under.
  fastify.addHook('onRoute', (route) => {
    route.config = { ...route.config, securityHeaders: policyFor(route.url), cacheable: isCacheable(route.url) };
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    // Items, lists, feeds, exports, the board and the audit are one reader's view: no cache may keep them.
    if (request.routeOptions.config.cacheable !== true) void reply.header('cache-control', 'no-store');
    policies[request.routeOptions.config.securityHeaders ?? 'api'](request.raw, reply.raw, (error) =>
      done(error instanceof Error ? error : undefined),
    );
  });
}

/** The same for every reader, and nothing sensitive: the OpenAPI description and UI, the problem pages, health checks. */
function isCacheable(url: string): boolean {
  return (
    policyFor(url) === 'docs' ||
    url === '/docs-json' ||
    url.startsWith('/problems/') ||
    url === '/health' ||
    url.startsWith('/health/')
  );
}

function policyFor(url: string): Policy {
  if (url === '/docs' || url.startsWith('/docs/')) return 'docs';
  if (url === DASHBOARD_PATH || url.startsWith(`${DASHBOARD_PATH}/`)) return 'dashboard';
  return 'api';
}
