// Serves the web console (the Vite build in dist/ui) at `/`: public static files, hashed assets cached, index never stale.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** dist/ui beside the compiled API (dist/api/ui.js), or the build output when the API runs from TypeScript (tests). */
export function defaultConsoleDirectory(): string {
  return fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/ui' : '../ui', import.meta.url));
}

export async function registerConsole(app: FastifyInstance, directory: string): Promise<void> {
  if (!existsSync(`${directory}/index.html`)) {
    app.log.warn({ directory }, 'the web console is not built (run `npm run build`); serving the API only');
    app.get('/', { config: { public: true, openapi: false } }, async (_request, reply) =>
      reply.status(503).type('text/plain; charset=utf-8').send('The web console is not built. Run `npm run build` (npm ci does it), then restart `cwc serve`. The API is at /api/v1.\n'));
    return;
  }
  await app.register(async (scope) => {
    // The console's files need no session (the login page is one of them); the API behind them does.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), public: true, openapi: false } as typeof route.config;
    });
    await scope.register(fastifyStatic, {
      root: directory,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (response, path) => {
        response.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
}
