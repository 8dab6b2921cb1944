import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/infra/config.ts';
import { webMetricCatalogueFile, webMetricCatalogueText } from '../../src/infra/web-metric-catalogue.ts';

describe('web/src/lib/format/metric-catalogue.ts', () => {
  it('is the server metric catalogue as it is now (run `npm run schema` when this fails)', async () => {
    const committed = await readFile(join(repositoryRoot, webMetricCatalogueFile), 'utf8');
    expect(committed).toBe(await webMetricCatalogueText());
  });
});
