import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type NodeHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/**
 * The SvelteKit (adapter-node) request handler from the web build, so UI and API share one origin.
 * Without a build, a handler that explains how to make one.
 */
export async function loadWebHandler(webBuildDir: string): Promise<NodeHandler> {
  const handlerFile = join(webBuildDir, 'handler.js');
  if (!existsSync(handlerFile)) {
    return (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`The web UI is not built (${handlerFile} is missing). Run \`npm run build\`, or use the API at /graphql.`);
    };
  }
  const module = (await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler };
  return module.handler;
}
