import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from './config.ts';

/**
 * The web app's copy of the metric catalogue. The web talks to the server only through GraphQL and imports nothing
 * of it, so the one catalogue (server/src/domain/reporting/metric-catalogue.ts) reaches it as a generated file, like
 * schema.graphql and web/src/lib/gql: `npm run schema` writes it, and a test fails while the committed copy is stale.
 */
export const metricCatalogueSource = 'server/src/domain/reporting/metric-catalogue.ts';
export const webMetricCatalogueFile = 'web/src/lib/format/metric-catalogue.ts';

/** The text web/src/lib/format/metric-catalogue.ts must hold: a "generated" header, then the server's file as it is. */
export async function webMetricCatalogueText(): Promise<string> {
  const source = await readFile(join(repositoryRoot, metricCatalogueSource), 'utf8');
  return `// Generated from ${metricCatalogueSource} by \`npm run schema\`: do not edit here.\n\n${source}`;
}
