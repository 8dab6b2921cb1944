import { v7 } from 'uuid';

/** A new UUIDv7 (time-ordered, index-friendly); PostgreSQL 15 has no `uuidv7()`, so the application makes them. */
export function newId(): string {
  return v7();
}
