import { describe, expect, it } from 'vitest';
import { makeBarFrame, type BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateMaxDrawdown } from '../metrics/drawdown.ts';
import { calculateBenchmarkBasket, defaultBasketWeights } from './benchmark-basket.ts';
import { daily2022Frame, daily2022Symbols } from './testing/daily-2022-slice.ts';
import { hourly2025Frame } from './testing/hourly-2025-slice.ts';
import { selectTopAlt } from './top-alt.ts';

const day = 86_400_000;
const at = (iso: string) => Date.parse(iso);

/** Rows of `frame` whose open time is in `[from, to]` (ISO dates). */
function between(frame: BarFrame, from: string, to: string): BarFrame {
  const keep = Array.from(frame.timestamp.keys()).filter((row) => frame.timestamp[row] >= at(from) && frame.timestamp[row] <= at(to));
  const pick = (column: Float64Array) => Float64Array.from(keep, (row) => column[row]);
  return makeBarFrame({ timestamp: pick(frame.timestamp), open: pick(frame.open), high: pick(frame.high), low: pick(frame.low), close: pick(frame.close), volume: pick(frame.volume) });
}

function basketOf(btc: BarFrame, eth: BarFrame, alt: BarFrame, altSymbol: string) {
  return calculateBenchmarkBasket([
    { symbol: 'BTC-USDT', weight: defaultBasketWeights.btc, frame: btc },
    { symbol: 'ETH-USDT', weight: defaultBasketWeights.eth, frame: eth },
    { symbol: altSymbol, weight: defaultBasketWeights.topAlt, frame: alt },
  ]);
}

describe('top alt (no market-cap feed: largest trailing 30-day quote volume)', () => {
  const candidates = daily2022Symbols.map((symbol) => ({ symbol, frame: daily2022Frame(symbol) }));

  it('picks BNB as of 2022-05-10 on the bundled dailies; BTC and ETH are never the top alt', () => {
    // Σ volume × close over the daily bars 2022-04-10 … 2022-05-09, computed with Python's csv module from the bundled
    // files: BNB 7 528 563 666.66, DOGE 6 914 815 482.50, SOL 6 327 310 718.60 (BTC and ETH are far larger).
    const selection = selectTopAlt(candidates, at('2022-05-10T00:00:00Z'));
    expect(selection).toEqual({ symbol: 'BNB-USDT', reason: 'largest_trailing_quote_volume', quoteVolume: expect.closeTo(7528563666.658219, 3), window: { startMs: at('2022-04-10T00:00:00Z'), endMs: at('2022-05-10T00:00:00Z') } });
    const withoutBnb = selectTopAlt(candidates.filter((candidate) => candidate.symbol !== 'BNB-USDT'), at('2022-05-10T00:00:00Z'));
    expect(withoutBnb?.symbol).toBe('DOGE-USDT');
    expect(withoutBnb?.quoteVolume).toBeCloseTo(6914815482.4971695, 3);
  });

  it('a configured override wins; no eligible candidate gives null; bad windows are refused', () => {
    expect(selectTopAlt(candidates, at('2022-05-10T00:00:00Z'), { override: 'SOL-USDT' })).toMatchObject({ symbol: 'SOL-USDT', reason: 'override', quoteVolume: expect.closeTo(6327310718.5959215, 3) });
    expect(selectTopAlt(candidates, at('2020-01-01T00:00:00Z'))).toBeNull();
    expect(selectTopAlt(candidates.filter((candidate) => /^(BTC|ETH)-/.test(candidate.symbol)), at('2022-05-10T00:00:00Z'))).toBeNull();
    expect(() => selectTopAlt(candidates, at('2022-05-10T00:00:00Z'), { windowMs: -day })).toThrow(EngineInputError);
  });

  it('equal volumes go to the alphabetically first symbol', () => {
    const frame = between(daily2022Frame('SOL-USDT'), '2022-05-01T00:00:00Z', '2022-05-05T00:00:00Z');
    expect(selectTopAlt([{ symbol: 'ZZZ-USDT', frame }, { symbol: 'AAA-USDT', frame }], at('2022-05-06T00:00:00Z'))?.symbol).toBe('AAA-USDT');
  });
});

describe('benchmark basket on real bundled bars (golden values computed independently)', () => {
  it('daily bars, May 2022 crash: each day is the weighted mean of the members’ daily returns', () => {
    const slice = (symbol: string) => between(daily2022Frame(symbol), '2022-05-05T00:00:00Z', '2022-05-15T00:00:00Z');
    const basket = basketOf(slice('BTC-USDT'), slice('ETH-USDT'), slice('BNB-USDT'), 'BNB-USDT');
    // Reference: Python over the bundled CSVs, r = 0.6·r_BTC + 0.3·r_ETH + 0.1·r_BNB of the daily closes,
    // equity = Π(1 + r) from 1 at the 2022-05-05 close, drawdown = equity / running max − 1.
    const expected: [string, number, number, number][] = [
      ['2022-05-06', -0.014683260705387956, 0.985316739294612, -0.014683260705387946],
      ['2022-05-09', -0.12130872346917723, 0.8153159534534521, -0.1846840465465479],
      ['2022-05-10', 0.04181469944334925, 0.849408144998476, -0.15059185500152406],
      ['2022-05-12', -0.020402898039227048, 0.7614734580815512, -0.2385265419184488],
      ['2022-05-15', 0.04294762361714789, 0.8314943007488028, -0.16850569925119718],
    ];
    expect(basket.timestamp.length).toBe(11);
    expect(basket.rebalanceCount).toBe(11);
    expect([basket.returns[0], basket.equity[0], basket.drawdown[0]]).toEqual([0, 1, 0]);
    for (const [date, ret, equity, drawdown] of expected) {
      const row = basket.timestamp.indexOf(at(`${date}T00:00:00Z`));
      expect([date, basket.returns[row], basket.equity[row], basket.drawdown[row]]).toEqual([date, expect.closeTo(ret, 12), expect.closeTo(equity, 12), expect.closeTo(drawdown, 12)]);
    }
    expect(calculateMaxDrawdown(basket.returns)).toBeCloseTo(-0.2385265419184488, 12);
    expect(basket.members).toEqual([{ symbol: 'BTC-USDT', weight: 0.6 }, { symbol: 'ETH-USDT', weight: 0.3 }, { symbol: 'BNB-USDT', weight: 0.1 }]);
  });

  it('hourly bars, 2025-10-10 crash: holdings drift within the day and reset at each UTC day boundary', () => {
    const basket = basketOf(hourly2025Frame('BTC-USDT'), hourly2025Frame('ETH-USDT'), hourly2025Frame('SOL-USDT'), 'SOL-USDT');
    // Reference: Python, equity(t) = equity(last close of the previous UTC day) × Σᵢ wᵢ · closeᵢ(t) / closeᵢ(that
    // close), starting from 1 at the 2025-10-09T00:00 bar's close (the holdings as values, no per-bar returns).
    const expected: [string, number][] = [
      ['2025-10-09T23:00:00Z', 0.981484303808484],
      ['2025-10-10T12:00:00Z', 0.9802196576370376],
      ['2025-10-10T21:00:00Z', 0.9013330997679792],
      ['2025-10-10T23:00:00Z', 0.8877348680716634],
      ['2025-10-11T00:00:00Z', 0.8869373979412419],
      ['2025-10-11T23:00:00Z', 0.8668144576592189],
    ];
    expect(basket.timestamp.length).toBe(72);
    expect(basket.rebalanceCount).toBe(3);
    for (const [time, equity] of expected) {
      expect([time, basket.equity[basket.timestamp.indexOf(at(time))]]).toEqual([time, expect.closeTo(equity, 12)]);
    }
    expect(Math.min(...basket.drawdown)).toBeCloseTo(-0.13963831878349375, 12);
  });

  it('aligns members by time: a bar one member lacks is skipped', () => {
    const btc = between(daily2022Frame('BTC-USDT'), '2022-05-05T00:00:00Z', '2022-05-08T00:00:00Z');
    const eth = between(daily2022Frame('ETH-USDT'), '2022-05-05T00:00:00Z', '2022-05-08T00:00:00Z');
    const gapped = between(daily2022Frame('BNB-USDT'), '2022-05-05T00:00:00Z', '2022-05-08T00:00:00Z');
    const withoutSecondDay = makeBarFrame({ ...Object.fromEntries((['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const).map((name) => [name, gapped[name].filter((_, row) => row !== 1)])) } as never);
    const basket = basketOf(btc, eth, withoutSecondDay, 'BNB-USDT');
    expect(Array.from(basket.timestamp)).toEqual([at('2022-05-05T00:00:00Z'), at('2022-05-07T00:00:00Z'), at('2022-05-08T00:00:00Z')]);
    const close = (frame: BarFrame, date: string) => frame.close[frame.timestamp.indexOf(at(`${date}T00:00:00Z`))];
    const spanned = 0.6 * (close(btc, '2022-05-07') / close(btc, '2022-05-05') - 1) + 0.3 * (close(eth, '2022-05-07') / close(eth, '2022-05-05') - 1) + 0.1 * (close(gapped, '2022-05-07') / close(gapped, '2022-05-05') - 1);
    expect(basket.returns[1]).toBeCloseTo(spanned, 14);
  });

  it('refuses weights that do not sum to 1, a repeated symbol, a weight outside (0, 1] and no member', () => {
    const frame = daily2022Frame('BTC-USDT');
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as EngineInputError).field;
      }
      return null;
    };
    expect(refusal(() => calculateBenchmarkBasket([{ symbol: 'BTC-USDT', weight: 0.6, frame }]))).toBe('members');
    expect(refusal(() => calculateBenchmarkBasket([{ symbol: 'BTC-USDT', weight: 0.5, frame }, { symbol: 'BTC-USDT', weight: 0.5, frame }]))).toBe('members');
    expect(refusal(() => calculateBenchmarkBasket([{ symbol: 'BTC-USDT', weight: 1.5, frame }, { symbol: 'ETH-USDT', weight: -0.5, frame }]))).toBe('weight');
    expect(refusal(() => calculateBenchmarkBasket([]))).toBe('members');
    expect(refusal(() => calculateBenchmarkBasket([{ symbol: 'BTC-USDT', weight: 1, frame }], 0))).toBe('initialEquity');
  });
});
