import { describe, expect, it } from 'vitest';
import { calculateBenchmarkBasket, makeBarFrame, type BarFrame } from '../../src/engine/index.ts';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { throttleEvents } from '../../src/graphql/throttled-subscription.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { readMarketFile } from '../support/market-files.ts';
import { collectEvents, subscriptionsLive, useApiHarness, type GraphQLResponse } from '../support/test-server.ts';

const api = useApiHarness();

const dailies = ['BTC-USDT_1d.csv', 'ETH-USDT_1d.csv', 'BNB-USDT_1d.csv', 'SOL-USDT_1d.csv', 'XRP-USDT_1d.csv'];

/** The bundled daily file as an engine frame, parsed here from the CSV text (not through the platform's loader). */
async function frameOfFile(name: string): Promise<BarFrame> {
  const lines = (await readMarketFile(name)).toString('utf8').trim().split('\n').slice(1);
  const columns = { timestamp: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[] };
  for (const line of lines) {
    const [time, open, high, low, close, volume] = line.split(',');
    columns.timestamp.push(Date.parse(time!));
    columns.open.push(Number(open));
    columns.high.push(Number(high));
    columns.low.push(Number(low));
    columns.close.push(Number(close));
    columns.volume.push(Number(volume));
  }
  return makeBarFrame({ timestamp: Float64Array.from(columns.timestamp), open: Float64Array.from(columns.open), high: Float64Array.from(columns.high), low: Float64Array.from(columns.low), close: Float64Array.from(columns.close), volume: Float64Array.from(columns.volume) });
}

/** The basket recomputed from the CSV text over [fromMs, toMs]: the expected series. */
async function expectedBasket(symbols: readonly [string, string, string], fromMs: number, toMs: number) {
  const within = (frame: BarFrame) => {
    const keep = Array.from(frame.timestamp.keys()).filter((index) => frame.timestamp[index]! >= fromMs && frame.timestamp[index]! <= toMs);
    const pick = (column: Float64Array) => Float64Array.from(keep, (index) => column[index]!);
    return makeBarFrame({ timestamp: pick(frame.timestamp), open: pick(frame.open), high: pick(frame.high), low: pick(frame.low), close: pick(frame.close), volume: pick(frame.volume) });
  };
  const weights = [0.6, 0.3, 0.1];
  const members = await Promise.all(symbols.map(async (symbol, index) => ({ symbol, weight: weights[index]!, frame: within(await frameOfFile(`${symbol}_1d.csv`)) })));
  return calculateBenchmarkBasket(members);
}

async function importDailies() {
  for (const name of dailies) await api.services().marketData.importBytes(name, await readMarketFile(name));
}

const basketQuery = `query($timeframe: Timeframe!, $from: DateTimeISO, $to: DateTimeISO, $maxPoints: Int!) {
  benchmarkBasket(timeframe: $timeframe, from: $from, to: $to) {
    timeframe policyVersion quoteCurrency description rebalanceCount barCount
    members { symbol weight marketDataSetId }
    topAlt { symbol reason quoteVolume windowStart windowEnd }
    points(maxPoints: $maxPoints) { timestamp equity drawdown returnFraction }
  } }`;

type Basket = {
  benchmarkBasket: {
    description: string;
    barCount: number;
    rebalanceCount: number;
    members: { symbol: string; weight: number }[];
    topAlt: { symbol: string; reason: string; quoteVolume: number; windowStart: string; windowEnd: string };
    points: { timestamp: string; equity: number; drawdown: number; returnFraction: number }[];
  };
};

describe('the benchmark basket as a series', () => {
  it('BTC 60 / ETH 30 / top alt 10 over the bundled dailies of May–June 2022: the engine’s series of those bars, the top alt by trailing quote volume and why', async () => {
    await importDailies();
    const from = '2022-05-01T00:00:00.000Z';
    const to = '2022-06-30T00:00:00.000Z';
    const response = await api.request<Basket>(basketQuery, { timeframe: 'ONE_DAY', from, to, maxPoints: 1000 });
    expect(response.errors).toBeUndefined();
    const basket = response.data!.benchmarkBasket;
    // As of 2022-07-01 (the close of the window's last bar), the largest trailing 30-day quote volume among the
    // imported alts (BNB, SOL, XRP) — the engine's top-alt rule, checked on the same files in benchmark-basket.test.ts.
    const expected = await expectedBasket(['BTC-USDT', 'ETH-USDT', basket.topAlt.symbol as string], Date.parse(from), Date.parse(to));
    expect(basket.members.map((member) => [member.symbol, member.weight])).toEqual([['BTC-USDT', 0.6], ['ETH-USDT', 0.3], [basket.topAlt.symbol, 0.1]]);
    expect(['BNB-USDT', 'SOL-USDT', 'XRP-USDT']).toContain(basket.topAlt.symbol);
    expect(basket.topAlt).toMatchObject({ reason: 'LARGEST_TRAILING_QUOTE_VOLUME', windowStart: '2022-06-01T00:00:00.000Z', windowEnd: '2022-07-01T00:00:00.000Z' });
    expect(basket.description).toMatch(/largest trailing 30-day quote volume/);
    expect(basket.description).toMatch(/no market-capitalisation feed/);
    expect(basket.barCount).toBe(61);
    expect(basket.rebalanceCount).toBe(61);
    expect(basket.points).toHaveLength(61);
    expect(basket.points[0]).toMatchObject({ timestamp: from, equity: 1, drawdown: 0, returnFraction: 0 });
    expect(basket.points.at(-1)!.timestamp).toBe(to);
    basket.points.forEach((point, index) => {
      expect(point.equity).toBeCloseTo(expected.equity[index]!, 12);
      expect(point.drawdown).toBeCloseTo(expected.drawdown[index]!, 12);
    });
    // The May–June 2022 crash: the basket ends well below where it started.
    expect(basket.points.at(-1)!.equity).toBeLessThan(0.75);

    const thinned = await api.request<Basket>(basketQuery, { timeframe: 'ONE_DAY', from, to, maxPoints: 10 });
    expect(thinned.data!.benchmarkBasket.points.length).toBeLessThanOrEqual(10);
    expect(thinned.data!.benchmarkBasket.points.at(-1)).toEqual(basket.points.at(-1));
  });

  it('names the field of a refused window', async () => {
    await importDailies();
    const errorOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions;
    expect(errorOf(await api.request(basketQuery, { timeframe: 'TICK', maxPoints: 100 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeframe' });
    expect(errorOf(await api.request(basketQuery, { timeframe: 'FIVE_MINUTES', maxPoints: 100 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeframe' });
    expect(errorOf(await api.request(basketQuery, { timeframe: 'ONE_DAY', from: '2022-06-01T00:00:00Z', to: '2022-05-01T00:00:00Z', maxPoints: 100 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(errorOf(await api.request(basketQuery, { timeframe: 'ONE_DAY', maxPoints: 1 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxPoints' });
  });

  it('a live feed’s venue: the basket of the bars read from it (venue_bar), its members named by venue, not dataset', async () => {
    await importDailies();
    const from = '2022-05-01T00:00:00.000Z';
    const to = '2022-06-30T00:00:00.000Z';
    // The bars monitoring would have read from Binance US for BTC, ETH and SOL (the bundled ones, from May 2022 to the window's end).
    for (const [symbol, file] of [['BTC/USDT', 'BTC-USDT_1d.csv'], ['ETH/USDT', 'ETH-USDT_1d.csv'], ['SOL/USDT', 'SOL-USDT_1d.csv']] as const) {
      const frame = await frameOfFile(file);
      const keep = Array.from(frame.timestamp.keys()).filter((index) => frame.timestamp[index]! >= Date.parse('2022-05-01') && frame.timestamp[index]! <= Date.parse(to));
      const values = keep.flatMap((index) => [new Date(frame.timestamp[index]!), frame.open[index], frame.high[index], frame.low[index], frame.close[index], frame.volume[index]]);
      await api.orm.em.fork().execute(
        `insert into venue_bar (venue, symbol, timeframe, bar_at, open, high, low, close, volume, received_at) values ${keep.map(() => `('binanceus', '${symbol}', '1d', ?, ?, ?, ?, ?, ?, now())`).join(', ')}`,
        values,
      );
    }
    const venueQuery = `query($from: DateTimeISO, $to: DateTimeISO, $venue: ExchangeVenue) {
      benchmarkBasket(timeframe: ONE_DAY, from: $from, to: $to, venue: $venue) { description members { symbol marketDataSetId venue } topAlt { symbol } points(maxPoints: 1000) { equity } } }`;
    type VenueBasket = { benchmarkBasket: { description: string; members: { symbol: string; marketDataSetId: string | null; venue: string | null }[]; topAlt: { symbol: string }; points: { equity: number }[] } };
    const response = await api.request<VenueBasket>(venueQuery, { from, to, venue: 'BINANCEUS' });
    expect(response.errors).toBeUndefined();
    const basket = response.data!.benchmarkBasket;
    // Of the certified alt candidates (BNB, SOL, XRP) only SOL has bars on the venue: it is the top alt there.
    expect(basket.members).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT'].map((symbol) => ({ symbol, marketDataSetId: null, venue: 'BINANCEUS' })));
    expect(basket.description).toContain('from the 1d bars read from binanceus, the venue the live feed trades on');
    const expected = await expectedBasket(['BTC-USDT', 'ETH-USDT', 'SOL-USDT'], Date.parse(from), Date.parse(to));
    expect(basket.points).toHaveLength(61);
    basket.points.forEach((point, index) => expect(point.equity).toBeCloseTo(expected.equity[index]!, 12));
    // A venue's basket needs its window.
    expect((await api.request(venueQuery, { venue: 'BINANCEUS' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

const postureSelection = `asOf policyVersion truncated
  deployments { deployment { id stage equity drawdown totalReturn } effectiveTradingState killSwitchOn openIncidents lastMarkAt lagVsBasketBps lagStatus lagMessage breachedRules sparkline { barAt returnFraction basketReturnFraction } }
  correlations { firstDeploymentId secondDeploymentId status correlation overlapDays }
  benchmarks { timeframe topAltSymbol problem }`;

type Posture = {
  asOf: string;
  policyVersion: string;
  deployments: {
    deployment: { id: string; stage: string; equity: number | null; drawdown: number; totalReturn: number };
    effectiveTradingState: string;
    openIncidents: number;
    lastMarkAt: string | null;
    lagVsBasketBps: number | null;
    lagStatus: string;
    breachedRules: string[];
    sparkline: { barAt: string; returnFraction: number; basketReturnFraction: number | null }[];
  }[];
  correlations: { firstDeploymentId: string; secondDeploymentId: string; status: string; correlation: number | null; overlapDays: number }[];
  benchmarks: { timeframe: string; topAltSymbol: string | null; problem: string | null }[];
};

describe('the risk desk', () => {
  it('riskPosture: pushed at once, then on P&L marks at most once a second; the lag is the benchmarkLag rule’s active return in bps; research sees no capital', async () => {
    await importDailies();
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const input = { strategyVersionId: version.id, stage: 'SHADOW', parameters: [{ name: 'fastPeriod', value: 10 }, { name: 'slowPeriod', value: 30 }], replay: { marketDataSetId: toGlobalId('MarketDataSet', marketDataSet.id), asFastAsPossible: true } };
    const started = await api.request<{ startDeployment: { deployment: { id: string; databaseId: string } } }>(
      `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId } } }`, { input }, { role: 'production' });
    expect(started.errors).toBeUndefined();
    const deployment = started.data!.startDeployment.deployment;

    const risk = await api.wsClient({ role: 'risk' });
    const research = await api.wsClient({ role: 'research' });
    const before = api.server.activeSubscriptions();
    const pushes: { at: number; posture: Posture }[] = [];
    let onPush: () => void = () => {};
    risk.subscribe<{ riskPosture: Posture }>({ query: `subscription { riskPosture { ${postureSelection} } }` }, {
      next: (result) => {
        if (result.errors) console.error(JSON.stringify(result.errors));
        pushes.push({ at: Date.now(), posture: result.data!.riskPosture });
        onPush();
      },
      error: () => {},
      complete: () => {},
    });
    const researchPush = new Promise<GraphQLResponse<{ riskPosture: Posture }>>((resolve, reject) => {
      research.subscribe({ query: `subscription { riskPosture { deployments { deployment { equity totalReturn } lagStatus } } }` }, { next: (result) => resolve(result as never), error: reject, complete: () => {} });
    });
    await subscriptionsLive(api.server, before, 2);
    const pushed = (predicate: (posture: Posture) => boolean) =>
      new Promise<Posture>((resolve) => {
        const check = () => {
          const found = pushes.find((push) => predicate(push.posture));
          if (found) resolve(found.posture);
        };
        onPush = check;
        check();
      });
    // At once, before any bar: the deployment is listed without a mark, its lag unknown (fails closed).
    const initial = await pushed((posture) => posture.deployments.some((row) => row.deployment.id === deployment.id));
    expect(initial.deployments.find((row) => row.deployment.id === deployment.id)).toMatchObject({ lastMarkAt: null, lagVsBasketBps: null, lagStatus: 'UNKNOWN', openIncidents: 0, sparkline: [] });
    const researchInitial = await researchPush;
    expect(researchInitial.data!.riskPosture.deployments[0]!.deployment).toMatchObject({ equity: null, totalReturn: expect.any(Number) });
    expect(researchInitial.errors!.map((error) => error.message)).toEqual([expect.stringMatching(/may not read Deployment.equity/)]);
    await research.dispose();

    await api.services().deploymentRunner.processBars(deployment.databaseId);
    const marked = await pushed((posture) => posture.deployments.some((row) => row.deployment.id === deployment.id && row.lastMarkAt === '2026-01-05T00:00:00.000Z'));
    const row = marked.deployments.find((entry) => entry.deployment.id === deployment.id)!;
    expect(row.lagStatus).not.toBe('UNKNOWN');
    expect(row.lagVsBasketBps).toEqual(expect.any(Number));
    // (The one-push-a-second throttle per subscriber is tested on its own below: a push's arrival time also includes
    // its computation, so spacing is not asserted here.)
    await risk.dispose();

    // The lag, recomputed here from the marks and the CSV bars: (E_end / E_start − 1) − (B_end / B_start − 1) over
    // the benchmarkLag rule's 30 days, × 10,000.
    const benchmark = marked.benchmarks.find((entry) => entry.timeframe === 'ONE_DAY')!;
    expect(benchmark.problem).toBeNull();
    const marks = await api.orm.em.fork().execute<{ t: number; equity: number }[]>(
      `select (extract(epoch from bar_at) * 1000)::float8 as t, equity from pnl_snapshot where deployment_id = ? order by bar_at`, [deployment.databaseId]);
    const end = marks.at(-1)!;
    const start = [...marks].reverse().find((mark) => mark.t <= end.t - 30 * 86_400_000)!;
    const basket = await expectedBasket(['BTC-USDT', 'ETH-USDT', benchmark.topAltSymbol as string], start.t, end.t);
    const expectedBps = (end.equity / start.equity - 1 - (basket.equity[basket.equity.length - 1]! / basket.equity[0]! - 1)) * 10_000;
    expect(row.lagVsBasketBps!).toBeCloseTo(expectedBps, 6);
    expect(row.lagStatus).toBe(expectedBps >= -200 ? 'PASS' : 'BREACH');
    // The sparkline ends on the same two returns.
    const lastPoint = row.sparkline.at(-1)!;
    expect((lastPoint.returnFraction - lastPoint.basketReturnFraction!) * 10_000).toBeCloseTo(expectedBps, 6);
    expect(row.sparkline.length).toBeLessThanOrEqual(60);
  });

  it('incidents(severity: CRITICAL) delivers critical incidents only, as of the event; the posture counts them', async () => {
    const { deployment } = await startReplay();
    const strategies = await api.request<{ deployment: { strategy: { id: string } } }>(`query($id: ID!) { deployment(id: $id) { strategy { id } } }`, { id: deployment.id });
    const strategyId = strategies.data!.deployment.strategy.id;
    const client = await api.wsClient({ role: 'risk' });
    const critical = collectEvents<{ incidents: { summary: string; severity: string; status: string; strategy: { id: string } } }>(api.server, client, `subscription { incidents(severity: CRITICAL) { summary severity status strategy { id } } }`, {}, 2);
    const all = collectEvents<{ incidents: { summary: string; severity: string; status: string } }>(api.server, client, `subscription { incidents { summary severity status } }`, {}, 3);
    await Promise.all([critical.ready, all.ready]);
    const open = (severity: string, summary: string) =>
      api.request<{ openStrategyIncident: { incident: { id: string } } }>(`mutation($input: OpenStrategyIncidentInput!) { openStrategyIncident(input: $input) { incident { id } } }`, { input: { strategyId, incidentType: 'DRAWDOWN', severity, summary } }, { role: 'risk' });
    expect((await open('WARNING', 'drawdown creeping up')).errors).toBeUndefined();
    const opened = await open('CRITICAL', 'drawdown beyond the desk limit');
    const review = await api.request(`mutation($input: ChangeIncidentStatusInput!) { reviewIncident(input: $input) { incident { status } } }`, { input: { incidentId: opened.data!.openStrategyIncident.incident.id, notes: 'looking' } }, { role: 'risk' });
    expect(review.errors).toBeUndefined();
    const criticalEvents = (await critical.done).map((event) => event.incidents);
    expect(criticalEvents).toEqual([
      { summary: 'drawdown beyond the desk limit', severity: 'CRITICAL', status: 'OPEN', strategy: { id: strategyId } },
      { summary: 'drawdown beyond the desk limit', severity: 'CRITICAL', status: 'IN_REVIEW', strategy: { id: strategyId } },
    ]);
    expect((await all.done).map((event) => `${event.incidents.severity} ${event.incidents.status}`)).toEqual(['WARNING OPEN', 'CRITICAL OPEN', 'CRITICAL IN_REVIEW']);
    await client.dispose();
    const posture = await api.request<{ riskPosture: Posture }>(`{ riskPosture { ${postureSelection} } }`, {}, { role: 'risk' });
    expect(posture.data!.riskPosture.deployments.find((row) => row.deployment.id === deployment.id)!.openIncidents).toBe(2);
  });
});

async function startReplay() {
  await importDailies();
  const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
  const input = { strategyVersionId: version.id, stage: 'SHADOW', parameters: [{ name: 'fastPeriod', value: 10 }, { name: 'slowPeriod', value: 30 }], replay: { marketDataSetId: toGlobalId('MarketDataSet', marketDataSet.id), asFastAsPossible: true } };
  const started = await api.request<{ startDeployment: { deployment: { id: string; databaseId: string } } }>(
    `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId } } }`, { input }, { role: 'production' });
  expect(started.errors).toBeUndefined();
  return { deployment: started.data!.startDeployment.deployment };
}

describe('throttleEvents', () => {
  it('delivers the first value at once, collapses a burst to its last value, and ends on the latest', async () => {
    const values: number[] = [];
    const queue: number[] = [];
    let wake: (() => void) | null = null;
    let ended = false;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        async next() {
          while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
          return queue.length > 0 ? { done: false, value: queue.shift()! } : { done: true, value: undefined };
        },
        async return() {
          ended = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const push = (value: number) => {
      queue.push(value);
      wake?.();
    };
    const end = () => {
      ended = true;
      wake?.();
    };
    const times: number[] = [];
    const consumed = (async () => {
      for await (const value of throttleEvents(source, 200, 0)) {
        values.push(value);
        times.push(Date.now());
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let value = 1; value <= 50; value++) push(value);
    await new Promise((resolve) => setTimeout(resolve, 400));
    push(51);
    push(52);
    await new Promise((resolve) => setTimeout(resolve, 400));
    end();
    await consumed;
    expect(values).toEqual([0, 50, 52]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(190);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(190);
  });
});
