import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The Content-Security-Policy of server-rendered HTML (GraphiQL); the SvelteKit UI declares the same directives in
 * `web/vite.config.ts` (`csp`, which adds a nonce for each page's inline bootstrap script). Scripts only from this
 * origin; styles from this origin plus inline styles; API and subscriptions on this origin; no plugins, no
 * framing, forms post only here.
 */
export const webContentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * Security headers (helmet) for every response of the one HTTP server: `X-Frame-Options: DENY`,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, cross-origin isolation headers, and
 * `Strict-Transport-Security` when the server speaks TLS. The CSP of SvelteKit pages is set by SvelteKit itself
 * (nonces for its inline scripts); {@link graphiqlHeaders} sets the CSP of the GraphiQL page (hashes of its inline
 * scripts).
 */
export function makeSecurityHeaders(options: { tls: boolean }): Middleware {
  return helmet({
    contentSecurityPolicy: false,
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: options.tls ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  }) as Middleware;
}

/** The CSP header value for an HTML page whose inline `<script>` blocks are allowed by their SHA-256 hashes. */
export function contentSecurityPolicyForInlineScripts(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
  // GraphiQL embeds its icon fonts as data: URLs and starts its editor workers from blob: URLs.
  const directives: Record<string, readonly string[]> = { ...webContentSecurityPolicy, 'script-src': ["'self'", ...hashes], 'font-src': ["'self'", 'data:'], 'worker-src': ["'self'", 'blob:'] };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Applies `middleware` to a raw node:http exchange; resolves once it called `next`. */
export function applyMiddleware(middleware: Middleware, request: IncomingMessage, response: ServerResponse): Promise<void> {
  return new Promise((resolveApplied, reject) => middleware(request, response, (error) => (error ? reject(error) : resolveApplied())));
}
