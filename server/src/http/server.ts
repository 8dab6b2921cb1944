import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { makeAnonymousActor, type Actor } from '../domain/auth/actor.ts';
import type { EventTopics } from '../domain/events.ts';
import { newId } from '../domain/ids.ts';
import { systemClock } from '../infra/clock.ts';
import type { Config } from '../infra/config.ts';
import { listenForEvents } from '../infra/events/event-listener.ts';
import { DataVersion } from '../infra/db/data-version.ts';
import type { Logger } from '../infra/logger.ts';
import { AuthenticationCache } from '../services/auth/authentication-cache.ts';
import { authenticateWithExpiry, type PresentedCredentials } from '../services/auth/credentials.ts';
import { createServices } from '../services/create-services.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { makeFormatError } from '../graphql/format-error.ts';
import { subscribeWithContextPerEvent } from '../graphql/per-event-subscribe.ts';
import { createLoaders } from '../graphql/loaders.ts';
import { aliasLimitRule, checkComplexity, depthLimitRule } from '../graphql/limits.ts';
import { makeEventPubSub } from '../graphql/pubsub.ts';
import { makeSchema } from '../graphql/schema.ts';
import { PayloadTooLargeError, readBody } from './read-body.ts';
import { UploadTooLargeError } from '../services/market-data/parse-ohlcv-off-thread.ts';
import { ValidationError } from '../domain/errors.ts';
import { toGlobalId } from '../graphql/relay.ts';
import { loadWebHandler } from './web-handler.ts';
import { clientAddressOf } from './client-address.ts';
import { applyMiddleware, contentSecurityPolicyForInlineScripts, makeSecurityHeaders } from './security-headers.ts';
import { makeMetricsRegistry } from './metrics.ts';
import { makeReportDownload } from './report-download.ts';
import { SpanKind, contextFromCarrier, inSpan } from '../infra/tracing/spans.ts';
import { ResponseCache } from '../graphql/response-cache/response-cache.ts';
import { responseCachePlugin } from '../graphql/response-cache/response-cache.plugin.ts';
import { recordStatementsOf, withStatementLog } from '../infra/db/statement-log.ts';
import { visibilityClassOf } from '../graphql/visibility-class.ts';

/**
 * Largest accepted request body (32 MB): room for a CSV upload through `importMarketData` or the streaming
 * `POST /import/market-data` (same bound). A larger body is answered
 * with HTTP 413 and `{ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes } }] }`.
 */
export const maxRequestBytes = 32 * 1024 * 1024;

/** Name of the httpOnly SameSite=Strict session cookie. */
export const sessionCookieName = 'crucible_session';

/** The session cookie's value and the bearer token of a request's headers. */
export function credentialsFromHeaders(headers: { cookie?: string | undefined; authorization?: string | undefined }): PresentedCredentials {
  const cookie = (headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === sessionCookieName);
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  return { sessionSecret: cookie?.[1] ? decodeURIComponent(cookie[1]) : null, bearerToken: bearer ?? null };
}

/**
 * Production mode: anonymous callers may not introspect the schema (`__schema`, `__type`); signed-in callers may
 * (notebook code generation). @throws GraphQLError GRAPHQL_VALIDATION_FAILED (HTTP 401)
 */
function refuseAnonymousIntrospection(schema: GraphQLSchema, document: DocumentNode): void {
  const [refused] = validate(schema, document, [NoSchemaIntrospectionCustomRule]);
  if (refused) {
    throw new GraphQLError('schema introspection needs a signed-in caller in production mode', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 401 } } });
  }
}

/** A running API + web server. */
export interface RunningServer {
  url: string;
  port: number;
  /** GraphQL subscriptions of this process listening for events now, of one topic or all (tests wait on it, never on time). */
  activeSubscriptions(topic?: string): number;
  close(): Promise<void>;
}

/**
 * Starts one HTTP server: GraphQL (Apollo) at POST /graphql, graphql-ws subscriptions on the same path,
 * GraphiQL at /graphiql (local assets), /healthz, and the SvelteKit UI for every other path.
 * Subscription events arrive through Postgres LISTEN/NOTIFY, so events written by any process reach it.
 */
export async function startServer(options: { config: Config; orm: MikroORM; databaseUrl: string; logger: Logger }): Promise<RunningServer> {
  const { config, orm, databaseUrl, logger } = options;
  const { pubSub, deliver, activeSubscriptions, subscriptionCounts } = makeEventPubSub();
  // Open sockets and whose credentials they carry: closed when those credentials are revoked (any replica).
  const sockets = new Map<WebSocket, Actor>();
  const closeRevokedSockets = (revoked: EventTopics['CREDENTIALS_REVOKED']) => {
    for (const [socket, actor] of sockets) {
      const credential = actor.credential;
      const matches =
        (revoked.userId && actor.userId === revoked.userId) ||
        (revoked.tokenId && credential.kind === 'api_token' && credential.tokenId === revoked.tokenId) ||
        (revoked.sessionId && credential.kind === 'session' && credential.sessionId === revoked.sessionId);
      if (matches) {
        sockets.delete(socket);
        socket.close(4403, 'Forbidden: credentials revoked');
      }
    }
  };
  const listener = listenForEvents(databaseUrl, logger, (event) => {
    if (event.topic === 'CREDENTIALS_REVOKED') closeRevokedSockets(event.payload as EventTopics['CREDENTIALS_REVOKED']);
    deliver(event);
  });
  await listener.ready;
  const schema = await makeSchema(pubSub);
  const makeContext = (correlationId: string, actor: Actor, clientAddress: string | null, setSessionCookie?: (secret: string | null) => void): GraphQLContext => {
    const requestLogger = logger.child({ correlationId, userId: actor.userId ?? undefined });
    const withFreshServices = (): GraphQLContext => {
      const services = createServices({ em: orm.em.fork(), clock: systemClock, logger: requestLogger, correlationId, actor }, config);
      return { services, loaders: createLoaders(services), forEvent: withFreshServices, correlationId, logger: requestLogger, actor, clientAddress, setSessionCookie };
    };
    return withFreshServices();
  };
  // Counts committed writes (LISTEN on every table's change trigger): a cached response or credential nothing was
  // written behind is served without re-reading its rows.
  const dataVersion = new DataVersion(databaseUrl, logger);
  await dataVersion.ready;
  const authentications = new AuthenticationCache({
    clock: systemClock,
    lookUp: (credentials) => authenticateWithExpiry(orm.em.fork(), systemClock, credentials),
    readVersion: () => dataVersion.generation,
  });
  /**
   * The actor of a request's credentials, for every entry point (GraphQL over HTTP, graphql-ws connections, the
   * streaming upload, report downloads): one data-version reading taken now (a sync shared with concurrent requests)
   * decides whether the remembered actor still stands or the rows are read again (authentication-cache.ts).
   */
  const authenticateRequest = async (credentials: PresentedCredentials, version?: number | null) =>
    authentications.actorFor(credentials, version === undefined ? await dataVersion.current() : version);
  const limits = config.graphqlLimits;
  const limitRules = [depthLimitRule(limits.maxDepth), aliasLimitRule(limits.maxAliases)];

  // TLS when TLS_CERT_FILE and TLS_KEY_FILE are given (read once at start; restart to load a renewed certificate).
  const httpServer: Server = config.tls ? createTlsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }) : createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const formatError = makeFormatError(logger);
  type SocketExtra = { socket: WebSocket; request: IncomingMessage; actor?: Actor };
  const wsCleanup = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      // connection_init authenticates with the same credentials as HTTP: `{ authorization: "Bearer …" }` or the cookie.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === 'string' ? params.authorization : typeof params.Authorization === 'string' ? params.Authorization : undefined;
        const actor = await authenticateRequest(credentialsFromHeaders({ cookie: ctx.extra.request.headers.cookie, authorization }));
        if (actor.credential.kind === 'anonymous') return false;
        ctx.extra.actor = actor;
        sockets.set(ctx.extra.socket, actor);
        ctx.extra.socket.once('close', () => sockets.delete(ctx.extra.socket));
        return true;
      },
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, [...specifiedRules, ...limitRules]);
        if (errors.length > 0) return errors;
        const tooComplex = checkComplexity(schema, document, payload.variables ?? undefined, payload.operationName ?? undefined, limits.maxComplexity);
        return tooComplex ? [tooComplex] : undefined;
      },
      context: (ctx) => makeContext(newId(), ctx.extra.actor ?? makeAnonymousActor(), clientAddressOf(ctx.extra.request, config.trustedProxyHops)),
      // Each event of a subscription runs on its own context (fresh EntityManager and loaders), not the socket's.
      subscribe: subscribeWithContextPerEvent,
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } as never;
      },
    },
    wsServer,
  );
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.graphqlIntrospection,
    formatError,
    validationRules: limitRules,
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default pretty-prints every response (2-space indent), which for the scorecard page is
    // a third more bytes to build, write and parse (issue 9 "Under load").
    stringifyResult: (result) => JSON.stringify(result),
    // The process entry owns SIGINT/SIGTERM (drain, close the ORM, stop the database); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No Apollo landing page (it loads Apollo's CDN): demo mode serves GraphiQL from local assets, production none.
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache hints or federated traces are used; both would otherwise wrap every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      responseCachePlugin(schema),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      {
        requestDidStart: async () => ({
          didResolveOperation: async ({ request, document, contextValue }) => {
            if (config.mode === 'production' && contextValue.actor.credential.kind === 'anonymous') refuseAnonymousIntrospection(schema, document);
            const tooComplex = checkComplexity(schema, document, request.variables, request.operationName ?? undefined, limits.maxComplexity);
            if (tooComplex) throw tooComplex;
          },
        }),
      },
    ],
  });
  await apollo.start();
  recordStatementsOf(orm);
  const responseCache = new ResponseCache(() => orm.em.getConnection().getNativeClient(), dataVersion);
  const webHandler = await loadWebHandler(config.webBuildDir);
  let graphiqlPage: string | undefined;
  let graphiqlPolicy: string | undefined;
  // Production mode serves no GraphiQL (and no introspection to anonymous callers, see the plugin above).
  const graphiqlEnabled = config.mode !== 'production';
  const securityHeaders = makeSecurityHeaders({ tls: config.tls !== null });

  /** The response-cache key of a POSTed JSON operation (query, optional variables and operationName only), else null. */
  const cacheKeyOf = (body: unknown, actor: Actor): string | null => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
    if (typeof query !== 'string' || Object.keys(rest).length > 0 || (operationName != null && typeof operationName !== 'string')) return null;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    return ResponseCache.keyOf(visibilityClassOf(actor, systemClock.now(), config.security.stepUpWindowMs), query, (operationName as string | null | undefined) ?? null, variables ?? null);
  };

  /**
   * `Server-Timing` (W3C) of a GraphQL response: `data-version` — the wait for the data-version sync (ms), `total` —
   * from the handler's start (body read included; time queued before the event loop reached the request is not) to
   * the response being ready. Browsers show it in their developer tools; the api-load bench reports it.
   */
  const serverTiming = (startedAt: number, syncMs: number) => `data-version;dur=${syncMs.toFixed(2)}, total;dur=${(performance.now() - startedAt).toFixed(2)}`;

  const handleGraphQL = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const startedAt = performance.now();
    const raw = request.method === 'POST' ? await readBody(request, maxRequestBytes) : '';
    let body: unknown = raw;
    if (raw && (request.headers['content-type'] ?? '').includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }));
        return;
      }
    }
    const correlationId = (request.headers['x-correlation-id'] as string | undefined) ?? newId();
    // One data-version reading per request (a sync shared with concurrent requests): when nothing was written since,
    // the caller's credential rows and a cached response are not read again.
    const syncStartedAt = performance.now();
    const version = await dataVersion.current();
    const syncMs = performance.now() - syncStartedAt;
    const actor = await authenticateRequest(credentialsFromHeaders(request.headers), version);
    let cookie: string | undefined;
    const secure = config.tls || request.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
    const setSessionCookie = (secret: string | null) => {
      cookie = secret
        ? `${sessionCookieName}=${encodeURIComponent(secret)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(config.security.sessionTtlMs / 1000)}${secure}`
        : `${sessionCookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure}`;
    };
    // Read-only operations of cacheable fields are answered from the response cache when the statements they ran
    // still return the same rows (see response-cache.ts); `x-response-cache` says which way a request went.
    const cacheKey = cacheKeyOf(body, actor);
    if (cacheKey) {
      const cached = await responseCache.current(cacheKey, version);
      if (cached) {
        for (const [key, value] of cached.headers) response.setHeader(key, value);
        response.setHeader('x-correlation-id', correlationId);
        response.setHeader('x-response-cache', 'hit');
        response.setHeader('x-response-cache-check', cached.check);
        response.setHeader('server-timing', serverTiming(startedAt, syncMs));
        response.statusCode = 200;
        response.end(cached.body);
        return;
      }
    }
    // Apollo's view of the request headers: built only when the operation runs (a cache hit never needs it).
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
        context: async () => makeContext(correlationId, actor, clientAddressOf(request, config.trustedProxyHops), setSessionCookie),
      });
    const versionBeforeRun = responseCache.versionBeforeRun();
    const recording = cacheKey ? withStatementLog(execute) : null;
    const result = await (recording?.result ?? execute());
    if (cacheKey && recording) {
      const fit = !cookie && (result.status ?? 200) === 200 && result.body.kind === 'complete';
      if (fit && result.body.kind === 'complete') responseCache.store(cacheKey, recording.log, result.body.string, result.headers, versionBeforeRun);
      response.setHeader('x-response-cache', 'miss');
    }
    for (const [key, value] of result.headers) response.setHeader(key, value);
    if (cookie) response.setHeader('set-cookie', cookie);
    response.setHeader('x-correlation-id', correlationId);
    response.setHeader('server-timing', serverTiming(startedAt, syncMs));
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  const statusOfCode: Readonly<Record<string, number>> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429 };
  /**
   * `POST /import/market-data?fileName=<name.csv>[&symbol=…&timeframe=…]` with the CSV as the body: the streaming
   * upload. Authenticated like /graphql (session cookie or bearer token; `importMarketData`'s permission, checked before
   * the body is read); the body goes chunk by chunk to the parse thread, never whole on this thread; at most
   * {@link maxRequestBytes} (413 PAYLOAD_TOO_LARGE past it). Answers GraphQL-shaped JSON: `{ data: { importMarketData:
   * { created, marketDataSet { id databaseId rowCount } } } }` or `{ errors: [{ message, extensions: { code, … } }] }`.
   */
  const handleMarketDataUpload = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const correlationId = (request.headers['x-correlation-id'] as string | undefined) ?? newId();
    const answer = (status: number, body: unknown, close = false) => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-correlation-id': correlationId, ...(close ? { connection: 'close' } : {}) });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.method !== 'POST') throw new ValidationError('POST the CSV as the request body', 'method');
      const fileName = url.searchParams.get('fileName') ?? '';
      if (!/^[\w.-]{1,255}$/.test(fileName)) throw new ValidationError('fileName must be 1–255 letters, digits, dots, dashes or underscores', 'fileName');
      const labels = { symbol: url.searchParams.get('symbol') ?? undefined, timeframe: url.searchParams.get('timeframe') ?? undefined };
      if (Number(request.headers['content-length'] ?? 0) > maxRequestBytes) throw new UploadTooLargeError(maxRequestBytes);
      const actor = await authenticateRequest(credentialsFromHeaders(request.headers));
      const context = makeContext(correlationId, actor, clientAddressOf(request, config.trustedProxyHops));
      const { created, marketDataSet } = await context.services.marketData.importStream(fileName, request, maxRequestBytes, labels);
      answer(200, { data: { importMarketData: { created, marketDataSet: { id: toGlobalId('MarketDataSet', marketDataSet.id), databaseId: marketDataSet.id, rowCount: marketDataSet.rowCount } } } });
    } catch (error) {
      // Whatever of the body is left is not read: the client gets the answer, then the connection closes.
      request.resume();
      if (error instanceof UploadTooLargeError) {
        answer(413, { errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: error.limitBytes } }] }, true);
        return;
      }
      const formatted = formatError({ message: (error as Error).message }, error);
      answer(statusOfCode[String(formatted.extensions?.code)] ?? 500, { errors: [formatted] }, true);
    }
  };

  const handleReportDownload = makeReportDownload({
    servicesFor: async (request, correlationId) => makeContext(correlationId, await authenticateRequest(credentialsFromHeaders(request.headers)), clientAddressOf(request, config.trustedProxyHops)).services,
    formatError: (error) => formatError({ message: (error as Error).message }, error),
    statusOfCode,
  });

  let metricsRegistry: ReturnType<typeof makeMetricsRegistry> | null = null;
  httpServer.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const handle = async () => {
      await applyMiddleware(securityHeaders, request, response);
      if (url.pathname === '/metrics') {
        metricsRegistry ??= makeMetricsRegistry(orm, config, logger, subscriptionCounts);
        const text = await metricsRegistry.metrics();
        response.writeHead(200, { 'content-type': metricsRegistry.contentType });
        response.end(text);
      } else if (url.pathname === '/healthz') {
        await orm.em.getConnection().execute('select 1');
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'ok' }));
      } else if (graphiqlEnabled && (url.pathname === '/graphiql' || (url.pathname === '/graphql' && request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')))) {
        graphiqlPage ??= renderGraphiQL({ endpoint: '/graphql', subscriptionsProtocol: 'WS', title: 'Crucible GraphQL' });
        graphiqlPolicy ??= contentSecurityPolicyForInlineScripts(graphiqlPage);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': graphiqlPolicy });
        response.end(graphiqlPage);
      } else if (url.pathname === '/graphiql') {
        // Production mode: GraphiQL is not served (answered here, so no web build can ever serve the path).
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found');
      } else if (url.pathname.startsWith('/reports/')) {
        await handleReportDownload(request, response, url);
      } else if (url.pathname === '/import/market-data') {
        await handleMarketDataUpload(request, response, url);
      } else if (url.pathname === '/graphql') {
        // One span per GraphQL request, continuing the caller's trace when it sends a W3C `traceparent` header.
        const attributes = { 'http.request.method': request.method ?? 'GET', 'url.path': url.pathname };
        await inSpan(`${request.method ?? 'GET'} /graphql`, { kind: SpanKind.SERVER, parent: contextFromCarrier(request.headers), attributes }, () => handleGraphQL(request, response, url));
      } else {
        webHandler(request, response, () => {
          response.writeHead(404, { 'content-type': 'text/plain' });
          response.end('Not found');
        });
      }
    };
    handle().catch((error: unknown) => {
      const tooLarge = error instanceof PayloadTooLargeError;
      if (!tooLarge) logger.error({ err: error, path: url.pathname }, 'request failed');
      if (tooLarge) {
        // GraphQL-shaped, so clients read it like any other error: errors[0].extensions.code = PAYLOAD_TOO_LARGE.
        if (!response.headersSent) response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        response.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: error.limitBytes } }] }));
        return;
      }
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal error');
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolveListen());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url }, 'server listening');
  return {
    url,
    port,
    activeSubscriptions,
    close: async () => {
      await apollo.stop();
      await listener.close();
      await dataVersion.close();
    },
  };
}
