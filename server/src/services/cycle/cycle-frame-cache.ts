import type { BarFrame } from '../../engine/index.ts';

/** A certified dataset's bars and regime labels, as a cycle uses them. */
export interface CachedFrame {
  checksum: string;
  frame: BarFrame;
  bandIndex: Int8Array;
}

/** Most datasets kept per process (an hourly BTC frame with labels is about 3.5 MB). */
export const maxCachedFrames = 24;

const cache = new Map<string, CachedFrame>();

/**
 * Process-wide cache of loaded frames by dataset id. Certified datasets never change (the checksum is checked on
 * every hit), so back-to-back cycles — e.g. 50 overlapping validation runs — load each dataset once per worker.
 * Least recently used entries are dropped beyond `maxCachedFrames`.
 */
export async function loadCachedFrame(id: string, checksum: string, load: () => Promise<Omit<CachedFrame, 'checksum'>>): Promise<CachedFrame> {
  const hit = cache.get(id);
  if (hit && hit.checksum === checksum) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const loaded = { checksum, ...(await load()) };
  cache.set(id, loaded);
  while (cache.size > maxCachedFrames) cache.delete(cache.keys().next().value!);
  return loaded;
}
