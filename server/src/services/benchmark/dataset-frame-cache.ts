import type { EntityManager } from '@mikro-orm/postgresql';
import type { BarFrame } from '../../engine/index.ts';
import { loadBarFrame } from '../market-data/bar-frame.repository.ts';

/** How many datasets' frames the process keeps (a 1h dataset of 7 years is ~3 MB). */
const capacity = 24;

/** Frames by dataset id (with the dataset's checksum), most recently used last. */
const frames = new Map<string, { checksum: string; frame: Promise<BarFrame> }>();

/**
 * A dataset's bars as an engine frame, cached per process. A certified dataset is immutable (its checksum is the
 * SHA-256 of its bars and never changes), so a cached frame never goes stale; the checksum is part of the key anyway.
 * Least recently used frames leave first beyond {@link capacity}. A failed read is not cached.
 */
export function cachedBarFrame(em: EntityManager, dataSetId: string, checksum: string): Promise<BarFrame> {
  const hit = frames.get(dataSetId);
  if (hit && hit.checksum === checksum) {
    frames.delete(dataSetId);
    frames.set(dataSetId, hit);
    return hit.frame;
  }
  const frame = loadBarFrame(em, dataSetId);
  frames.set(dataSetId, { checksum, frame });
  frame.catch(() => frames.delete(dataSetId));
  while (frames.size > capacity) frames.delete(frames.keys().next().value!);
  return frame;
}
