import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPubSub } from '@graphql-yoga/subscription';
import { repositoryRoot } from '../infra/config.ts';
import { makeSchema, printSortedSchema } from './schema.ts';

// Writes schema.graphql at the repository root (the contract for web/ and notebooks).
const schema = await makeSchema(createPubSub());
await writeFile(join(repositoryRoot, 'schema.graphql'), printSortedSchema(schema));
console.log('schema.graphql written');
