import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Csp } from '../../http/security-headers';
import { GOVUK_DIST } from './views';

/**
 * The one inline script the console has: govuk-frontend's template adds `js-enabled` to the body before
 * anything paints. It is allowed by its hash, read from the installed template at start, rather than a
 * nonce: the script never changes between requests, so the policy is one fixed header built once (no
 * per-request value to thread through every render, fragments included), and an injected script cannot
 * borrow a nonce it finds in the page. Every other script is a file from /assets.
 */
export function templateScriptHashes(template = join(GOVUK_DIST, 'govuk', 'template.njk')): string[] {
  const text = readFileSync(template, 'utf8');
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
  if (scripts.length === 0 || scripts.some((script) => /\{[{%]/.test(script))) {
    // A templated script body would hash differently per render: the policy could not allow it by hash.
    throw new Error(`govuk-frontend's template.njk no longer has one static inline script: ${template}`);
  }
  return scripts.map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
}

/**
 * Scripts, styles, fonts and images from this origin only; the page's own fetches and the /live socket
 * (same origin: 'self' covers ws:/wss: there); forms post here, and sign-out's form goes on to the
 * provider's end-session page (form-action covers a form's redirects).
 */
export function consoleCsp(providerOrigin: string | undefined): Csp {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...templateScriptHashes()],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: providerOrigin === undefined ? ["'self'"] : ["'self'", providerOrigin],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  };
}

/** Marks every route of the console's scope for the console's policy (http/security-headers.ts applies it). */
export function setUpSecurityHeaders(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, securityHeaders: 'console' };
  });
}
