import { v7 } from 'uuid';

/** A new UUIDv7 (time-ordered, index-friendly); PostgreSQL 15 has no `uuidv7()`, so the application makes them. */
export function newId(): string {
  return v7();
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its canonical text form (any version): what an id column accepts without a cast error. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
