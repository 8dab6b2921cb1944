import { EngineInputError } from '../errors/engine-input-error.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import { sampleParameterValues } from '../parameters/sample-parameters.ts';
import { deriveSeed } from '../random/derive-seed.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import type { StrategyTemplate } from '../strategies/strategy-template.ts';

/** What an evaluation cycle asks for (orchestration-spec FR-002: ≥ 60 unique configurations per cycle). */
export interface ConfigurationRequest {
  templates: readonly StrategyTemplate[];
  /** Number of unique configurations to generate (default cycle: 60; scales to 200+). */
  count: number;
  /** Largest share of `count` any one template may take, a fraction in (0, 1] (default 0.3 = 30 %). */
  maxTemplateShare?: number;
  /** Seed of the whole cycle; configuration i of template k draws from `deriveSeed(deriveSeed(seed, k), i)`. */
  seed: number;
}

/** One generated configuration. */
export interface GeneratedConfiguration {
  templateId: string;
  parameters: ParameterValues;
  /** Canonical identity (`template:{sorted parameters}`): unique within a cycle. */
  key: string;
  /** Seed the configuration was drawn with (reproducible). */
  seed: number;
}

/** Canonical key of a template's parameter point: sorted names, so the same point always has the same key. */
export function makeConfigurationKey(templateId: string, parameters: ParameterValues): string {
  const names = Object.keys(parameters).sort();
  return `${templateId}:{${names.map((name) => `${name}=${String(parameters[name])}`).join(',')}}`;
}

/**
 * Generates `count` unique configurations across `templates`, spreading them as evenly as the templates'
 * spaces allow and never giving one template more than `⌊maxTemplateShare·count⌋`. Draws are seeded and
 * rejection-sampled (constraints hold; duplicates are redrawn), so the same request gives the same list.
 * @throws EngineInputError('count') when the templates, their cap or their spaces cannot supply `count`.
 */
export function generateConfigurations(request: ConfigurationRequest): GeneratedConfiguration[] {
  const share = request.maxTemplateShare ?? 0.3;
  if (!Number.isInteger(request.count) || request.count < 1) throw new EngineInputError('count', 'count must be a positive integer');
  if (!(share > 0 && share <= 1)) throw new EngineInputError('maxTemplateShare', 'maxTemplateShare must be in (0, 1]');
  const cap = Math.floor(share * request.count);
  if (cap * request.templates.length < request.count) {
    throw new EngineInputError(
      'count',
      `${request.templates.length} templates with at most ${cap} configurations each (${(share * 100).toFixed(0)} % of ${request.count}) cannot make ${request.count}`,
    );
  }
  const perTemplate = request.templates.map((template, index) => ({
    template,
    uniform: makeMulberry32(deriveSeed(request.seed, index)),
    seedBase: deriveSeed(request.seed, index),
    drawn: [] as GeneratedConfiguration[],
    keys: new Set<string>(),
    exhausted: false,
  }));
  let total = 0;
  // Round-robin one configuration at a time so the mix stays even; a template whose space yields no new point
  // after many draws is exhausted and the others fill in, up to the cap.
  while (total < request.count) {
    let progressed = false;
    for (const slot of perTemplate) {
      if (total >= request.count) break;
      if (slot.exhausted || slot.drawn.length >= cap) continue;
      let added = false;
      for (let attempt = 0; attempt < 200 && !added; attempt++) {
        const parameters = sampleParameterValues(slot.template.parameterSpace, slot.uniform);
        const key = makeConfigurationKey(slot.template.id, parameters);
        if (slot.keys.has(key)) continue;
        slot.keys.add(key);
        slot.drawn.push({ templateId: slot.template.id, parameters, key, seed: deriveSeed(slot.seedBase, slot.drawn.length) });
        added = true;
      }
      if (added) {
        total++;
        progressed = true;
      } else {
        slot.exhausted = true;
      }
    }
    if (!progressed) throw new EngineInputError('count', `the templates' parameter spaces hold only ${total} unique configurations within the share cap; asked for ${request.count}`);
  }
  return perTemplate.flatMap((slot) => slot.drawn);
}
