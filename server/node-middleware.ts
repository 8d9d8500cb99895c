// Connect-style adapter, to mount the reference backend inside another Node server (vite's
// dev server, the test runner's server) on the same origin as the page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { ReferenceServer } from './create-reference-server.js';

export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export function createNodeMiddleware(server: ReferenceServer): NodeMiddleware {
  // Keep the host's global Request/Response as they are: we are a guest in its process.
  const listener = getRequestListener(server.fetch, { overrideGlobalObjects: false });
  const prefix = `${server.basePath}/`;
  return (req, res, next) => {
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    if (!path.startsWith(prefix)) {
      next();
      return;
    }
    listener(req, res).catch(next);
  };
}
