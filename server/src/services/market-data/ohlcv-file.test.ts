import { describe, expect, it } from 'vitest';
import { MarketDataRejectedError } from '../../domain/errors.ts';
import { describeFileName, parseOhlcvFile } from './ohlcv-file.ts';

const header = 'timestamp,open,high,low,close,volume';
const file = (...rows: string[]) => [header, ...rows].join('\n') + '\n';

/** Asserts that parsing refuses with this row and rule, and returns the error for further checks. */
function expectRefusal(content: string, row: number | null, rule: string, name = 'BTC-USDT_1h.csv'): MarketDataRejectedError {
  try {
    parseOhlcvFile(name, content);
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataRejectedError);
    const refusal = error as MarketDataRejectedError;
    expect({ row: refusal.row, rule: refusal.rule, file: refusal.file }).toEqual({ row, rule, file: name });
    expect(refusal.message).toContain(name);
    expect(refusal.message).toContain(`rule "${rule}"`);
    return refusal;
  }
  throw new Error('expected a refusal');
}

describe('parseOhlcvFile', () => {
  it('parses bars, takes symbol and timeframe from the file name, and flags gaps and zero-volume bars', () => {
    const parsed = parseOhlcvFile(
      'BTC-USDT_1h.csv',
      file(
        '2024-01-01T00:00:00Z,100,110,90,105,12.5',
        '2024-01-01T01:00:00Z,105,106,104,105,0', // zero-volume placeholder bar, flat? no: o≠h
        '2024-01-01T04:00:00Z,105,105,105,105,0', // 2 bars missing before this one; flat and zero volume
      ),
    );
    expect(parsed.symbol).toBe('BTC-USDT');
    expect(parsed.timeframe).toBe('1h');
    expect(Array.from(parsed.close)).toEqual([105, 105, 105]);
    expect(parsed.qualityFlags.gaps).toEqual([{ after: '2024-01-01T01:00:00.000Z', before: '2024-01-01T04:00:00.000Z', missingBars: 2 }]);
    expect(parsed.missingBarCount).toBe(2);
    expect(parsed.qualityFlags.zeroVolumeBars).toEqual(['2024-01-01T01:00:00.000Z', '2024-01-01T04:00:00.000Z']);
    expect(parsed.qualityFlags.flatBarCount).toBe(1);
    expect(parsed.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes canonical values, so number formatting and column order do not change the checksum', () => {
    const plain = parseOhlcvFile('ETH-USDT_1d.csv', file('2024-01-01T00:00:00Z,60190,60200,60100,60150,1'));
    const reformatted = parseOhlcvFile('ETH-USDT_1d.csv', 'close,timestamp,open,high,low,volume\n60150.00,2024-01-01T00:00:00.000Z,60190.0,60200,60100,1.0\n');
    expect(reformatted.checksum).toBe(plain.checksum);
  });

  it('gives different checksums to different data and to different labels', () => {
    const a = parseOhlcvFile('ETH-USDT_1d.csv', file('2024-01-01T00:00:00Z,1,2,1,2,1'));
    const b = parseOhlcvFile('ETH-USDT_1d.csv', file('2024-01-01T00:00:00Z,1,2,1,2,2'));
    const c = parseOhlcvFile('SOL-USDT_1d.csv', file('2024-01-01T00:00:00Z,1,2,1,2,1'));
    expect(new Set([a.checksum, b.checksum, c.checksum]).size).toBe(3);
  });

  it('accepts labels when the file name does not carry them', () => {
    const parsed = parseOhlcvFile('export.csv', file('2024-01-01T00:00:00Z,1,2,1,2,1'), { symbol: 'btc-usd', timeframe: '1d' });
    expect([parsed.symbol, parsed.timeframe]).toEqual(['BTC-USD', '1d']);
    expectRefusal(file('2024-01-01T00:00:00Z,1,2,1,2,1'), null, 'symbol', 'export.csv');
  });

  it('refuses rows out of order, naming the row', () => {
    expectRefusal(file('2024-01-01T02:00:00Z,1,2,1,2,1', '2024-01-01T03:00:00Z,1,2,1,2,1', '2024-01-01T01:00:00Z,1,2,1,2,1'), 4, 'timestamp-order');
  });

  it('refuses duplicate timestamps', () => {
    expectRefusal(file('2024-01-01T02:00:00Z,1,2,1,2,1', '2024-01-01T02:00:00Z,1,2,1,2,1'), 3, 'duplicate-timestamp');
  });

  it('refuses non-positive prices and negative volume', () => {
    const negative = expectRefusal(file('2024-01-01T00:00:00Z,1,2,1,2,1', '2024-01-01T01:00:00Z,1,2,-1,2,1'), 3, 'non-positive-price');
    expect(negative.message).toContain('low is -1');
    expectRefusal(file('2024-01-01T00:00:00Z,0,2,0,2,1'), 2, 'non-positive-price');
    expectRefusal(file('2024-01-01T00:00:00Z,1,2,1,2,-5'), 2, 'negative-volume');
  });

  it('refuses inconsistent OHLC', () => {
    expectRefusal(file('2024-01-01T00:00:00Z,1,1.5,1,2,1'), 2, 'ohlc-consistency'); // high below close
    expectRefusal(file('2024-01-01T00:00:00Z,1,2,1.5,1.8,1'), 2, 'ohlc-consistency'); // low above open
  });

  it('refuses a missing column, naming it', () => {
    const refusal = expectRefusal('timestamp,open,high,low,volume\n2024-01-01T00:00:00Z,1,2,1,1\n', 1, 'header');
    expect(refusal.message).toContain('missing column(s) close');
  });

  it('refuses rows with the wrong number of fields, bad numbers, bad or misaligned timestamps, and empty files', () => {
    expectRefusal(file('2024-01-01T00:00:00Z,1,2,1,2,1', '2024-01-01T01:00:00Z,1,2,1,2'), 3, 'column-count');
    expectRefusal(file('2024-01-01T00:00:00Z,1,2,abc,2,1'), 2, 'number-format');
    expectRefusal(file('01/02/2024 00:00,1,2,1,2,1'), 2, 'timestamp-format');
    expectRefusal(file('2024-01-01T00:30:00Z,1,2,1,2,1'), 2, 'timestamp-alignment');
    expectRefusal(`${header}\n`, null, 'empty-file');
    expectRefusal('', null, 'empty-file');
  });
});

describe('describeFileName', () => {
  it('reads symbol and timeframe from conventional names', () => {
    expect(describeFileName('SOL-USDT_1h.csv.gz')).toEqual({ symbol: 'SOL-USDT', timeframe: '1h' });
    expect(describeFileName('prices.csv')).toEqual({});
  });
});
