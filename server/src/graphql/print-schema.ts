import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPubSub } from '@graphql-yoga/subscription';
import { repositoryRoot } from '../infra/config.ts';
import { webMetricCatalogueFile, webMetricCatalogueText } from '../infra/web-metric-catalogue.ts';
import { makeSchema, printSortedSchema } from './schema.ts';

// Writes schema.graphql at the repository root (the contract for web/ and notebooks), and the web's copy of the
// metric catalogue (infra/web-metric-catalogue.ts).
const schema = await makeSchema(createPubSub());
await writeFile(join(repositoryRoot, 'schema.graphql'), printSortedSchema(schema));
console.log('schema.graphql written');
await writeFile(join(repositoryRoot, webMetricCatalogueFile), await webMetricCatalogueText());
console.log(`${webMetricCatalogueFile} written`);
