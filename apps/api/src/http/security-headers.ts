import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { DASHBOARD_PATH } from '../queues/queue-dashboard';

interface Csp {
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

/**
 * Helmet's headers (nosniff, frame and referrer policies, HSTS, ...) on every response, with a
 * content security policy that fits what each path serves. Register before routes.
 */
export async function installSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  // Swagger and bull-board add their own routes; their pages get a policy they can run under. Added
  // before helmet's own onRoute hook, which reads this route option.
  fastify.addHook('onRoute', (route) => {
    const csp = cspFor(route.url);
    if (csp !== undefined && route.helmet === undefined) route.helmet = { contentSecurityPolicy: csp };
  });
  await fastify.register(helmet, { global: true, contentSecurityPolicy: API_CSP });
}

function cspFor(url: string): Csp | undefined {
  if (url === '/docs' || url.startsWith('/docs/')) return DOCS_CSP;
  if (url === DASHBOARD_PATH || url.startsWith(`${DASHBOARD_PATH}/`)) return DASHBOARD_CSP;
  return undefined;
}
