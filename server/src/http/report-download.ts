import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import { ValidationError } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { fromGlobalId } from '../graphql/relay.ts';
import type { Services } from '../services/index.ts';

/** What the download needs from the server: the caller's services (authenticated like /graphql) and error shaping. */
export interface ReportDownloadDependencies {
  servicesFor: (request: IncomingMessage, correlationId: string) => Promise<Services>;
  formatError: (error: unknown) => GraphQLFormattedError;
  statusOfCode: Readonly<Record<string, number>>;
}

const pathPattern = /^\/reports\/([a-z-]+)\.([a-z]+)$/;

/** Parses an ISO-8601 query parameter, or null when absent. @throws ValidationError naming it. */
function dateParameter(url: URL, name: string): Date | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return null;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new ValidationError(`${name} must be an ISO-8601 date-time`, name);
  return date;
}

/** The UUID behind an id parameter: a raw UUID as is, a GraphQL global id decoded; anything else as is (the report refuses it naming the field). */
function uuidOf(raw: string): string {
  if (/^[0-9a-f-]{36}$/i.test(raw)) return raw;
  try {
    return fromGlobalId(raw).uuid;
  } catch {
    return raw;
  }
}

/**
 * `GET /reports/<kind>.<format>?id=…[&from=…&to=…]` (comparison: `?ids=<run>,<run>,…`): a report (run,
 * strategy-history, monitoring, comparison, experiment, audit, simulation — see `reportKinds`) as PDF, CSV or JSON (ids as UUIDs
 * or GraphQL global ids),
 * downloaded as an attachment. Authenticated like /graphql (session cookie or bearer token); each part is read with
 * the caller's permissions. Errors are GraphQL-shaped JSON with the usual status (400, 401, 403, 404, 409).
 */
export function makeReportDownload(dependencies: ReportDownloadDependencies) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const correlationId = newId();
    try {
      if (request.method !== 'GET') throw new ValidationError('GET a report', 'method');
      const match = pathPattern.exec(url.pathname);
      if (!match) throw new ValidationError('path must be /reports/<kind>.<format>', 'kind');
      const services = await dependencies.servicesFor(request, correlationId);
      const report = await services.reports.render(match[1]!, match[2]!, { id: uuidOf(url.searchParams.get('id') ?? ''), ids: (url.searchParams.get('ids') ?? '').split(',').map((id) => uuidOf(id.trim())).join(','), from: dateParameter(url, 'from'), to: dateParameter(url, 'to') });
      response.writeHead(200, {
        'content-type': report.contentType,
        'content-length': report.body.length,
        'content-disposition': `attachment; filename="${report.fileName}"`,
        'cache-control': 'no-store',
        'x-correlation-id': correlationId,
      });
      response.end(report.body);
    } catch (error) {
      const formatted = dependencies.formatError(error);
      response.writeHead(dependencies.statusOfCode[String(formatted.extensions?.code)] ?? 500, { 'content-type': 'application/json', 'x-correlation-id': correlationId });
      response.end(JSON.stringify({ errors: [formatted] }));
    }
  };
}
