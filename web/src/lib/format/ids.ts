/**
 * A short, recognisable form of a row UUID for tables and titles. Our ids are UUIDv7, whose leading characters are
 * a timestamp shared by everything created in the same minute, so the short form takes the trailing (random) ones.
 */
export function formatShortId(uuid: string, length = 8): string {
  const hex = uuid.replaceAll('-', '');
  return hex.slice(-length);
}
