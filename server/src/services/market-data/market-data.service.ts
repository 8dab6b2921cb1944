import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { MarketDataSet, type MarketDataSource } from '../../domain/market-data/market-data-set.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext, ServiceSettings } from '../service-context.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';
import { findLatestRegimeBand } from './latest-regime-band.ts';
import { type ValidatedOhlcv } from './ohlcv-file.ts';
import { maxUploadBytes, parseOhlcv, parseOhlcvStream, utf8Chunks, type ParsedOhlcv } from './parse-ohlcv-off-thread.ts';

/** Optional labels that override what the file name says. */
export interface ImportLabels {
  symbol?: string;
  timeframe?: string;
  /** Where the data came from (default `exchange_dump`); `synthetic` labels generated data as such. */
  source?: MarketDataSource;
}

/** Outcome of an import: the certified dataset, and whether this call created it (false = already known). */
export interface ImportResult {
  marketDataSet: MarketDataSet;
  created: boolean;
  /** Thread that parsed and validated the file: 0 = the main thread (small files), else a worker thread. */
  parseThreadId: number;
}

/** One bar as served to readers. */
export interface BarRow {
  timestamp: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Rows per INSERT … SELECT FROM unnest(…) statement: small batches, so building each batch on the server’s thread stays short. */
const insertChunk = 5_000;

/** Market data use-cases: import (validate → checksum → store → certify) and reads. */
export class MarketDataService {
  private readonly ctx: ServiceContext;
  private readonly settings: ServiceSettings;
  private readonly governance: Governance;
  private readonly triggers: TriggerService;
  constructor(ctx: ServiceContext, settings: ServiceSettings, governance: Governance, triggers: TriggerService) {
    this.ctx = ctx;
    this.settings = settings;
    this.governance = governance;
    this.triggers = triggers;
  }

  /**
   * Imports a file from the configured import directory (`IMPORT_DIR`); `fileName` may not leave it. The file is read
   * as a stream (decompressed on the way for `.gz` names, off the event loop) into the parse thread, as the streaming
   * upload: at most {@link maxUploadBytes} after decompression.
   * @throws ValidationError for a path outside the directory, a missing file or a broken `.gz`; UploadTooLargeError
   * past the limit; MarketDataRejectedError (file, row, rule).
   */
  async importFromImportDirectory(fileName: string, labels: ImportLabels = {}): Promise<ImportResult> {
    await this.governance.authorizeUseCase('importMarketData');
    const path = resolve(this.settings.importDir, fileName);
    const inside = relative(this.settings.importDir, path);
    if (inside.startsWith('..') || inside === '' || resolve(inside) === inside) {
      throw new ValidationError(`fileName must name a file inside the import directory`, 'fileName');
    }
    const found = await stat(path).catch(() => null);
    if (!found?.isFile()) throw new ValidationError(`no file "${fileName}" in the import directory`, 'fileName');
    const started = performance.now();
    const name = basename(path);
    const file = createReadStream(path);
    const chunks = name.endsWith('.gz') ? file.pipe(createGunzip()) : file;
    let parsed: ParsedOhlcv;
    try {
      parsed = await parseOhlcvStream(name, chunks, maxUploadBytes, labels);
    } catch (error) {
      if (String((error as { code?: unknown }).code ?? '').startsWith('Z_')) throw new ValidationError(`"${fileName}" is not a readable gzip file`, 'fileName');
      throw error;
    } finally {
      file.destroy();
    }
    return this.store(name, parsed, started);
  }

  /**
   * Imports CSV text sent through the API (`importMarketData`'s `content`): handed to the parse thread in chunks like
   * the streaming upload (never parsed on the server's thread, whatever its size), at most {@link maxUploadBytes}.
   * @throws UploadTooLargeError past the limit; MarketDataRejectedError (file, row, rule); ValidationError; ForbiddenError.
   */
  async importUpload(fileName: string, content: string, labels: ImportLabels = {}): Promise<ImportResult> {
    await this.governance.authorizeUseCase('importMarketData');
    const started = performance.now();
    return this.store(fileName, await parseOhlcvStream(fileName, utf8Chunks(content), maxUploadBytes, labels), started);
  }

  /** Imports file bytes (an upload, a CLI path or a bundled file); `.gz` names are decompressed. */
  async importBytes(fileName: string, bytes: Buffer, labels: ImportLabels = {}): Promise<ImportResult> {
    return this.importContent(fileName, fileName.endsWith('.gz') ? gunzipSync(bytes) : bytes, labels);
  }

  /**
   * Validates, checksums, stores and certifies one OHLCV CSV. Idempotent by checksum: a file already imported
   * returns the existing dataset. All-or-nothing: one transaction holds the dataset row and its bars.
   * @throws MarketDataRejectedError naming file, row and rule; nothing is stored. ForbiddenError without
   * `create MarketDataSet`.
   */
  async importContent(fileName: string, content: string | Buffer, labels: ImportLabels = {}): Promise<ImportResult> {
    await this.governance.authorizeUseCase('importMarketData');
    const started = performance.now();
    // Parsing, validation and the checksum of large files run in a worker thread (parse-ohlcv-off-thread.ts).
    return this.store(fileName, await parseOhlcv(fileName, content, labels), started, labels.source);
  }

  /**
   * As {@link importContent}, for a file arriving in chunks (the streaming upload endpoint): the chunks go to the parse
   * thread as they arrive, so the server's thread never holds the file; then the same checks and one transaction.
   * @throws UploadTooLargeError past `limitBytes`; MarketDataRejectedError (file, row, rule); ForbiddenError.
   */
  async importStream(fileName: string, chunks: AsyncIterable<Buffer | Uint8Array>, limitBytes: number, labels: ImportLabels = {}): Promise<ImportResult> {
    await this.governance.authorizeUseCase('importMarketData');
    const started = performance.now();
    return this.store(fileName, await parseOhlcvStream(fileName, chunks, limitBytes, labels), started);
  }

  /** Stores a parsed file (idempotent by checksum) with its bars, audit event, event and trigger, in one transaction. */
  private async store(fileName: string, { validated, threadId: parseThreadId }: ParsedOhlcv, started: number, source: MarketDataSource = 'exchange_dump'): Promise<ImportResult> {
    const existing = await this.ctx.em.findOne(MarketDataSet, { checksum: validated.checksum });
    if (existing) return { marketDataSet: existing, created: false, parseThreadId };
    try {
      const marketDataSet = await this.ctx.em.transactional(async (em) => {
        const dataSet = em.create(MarketDataSet, {
          symbolUniverse: [validated.symbol],
          timeframe: validated.timeframe,
          startAt: new Date(validated.timestamp[0]!),
          endAt: new Date(validated.timestamp[validated.timestamp.length - 1]!),
          source,
          checksum: validated.checksum,
          qualityFlags: validated.qualityFlags,
          rowCount: validated.timestamp.length,
          gapCount: validated.qualityFlags.gaps.length,
          missingBarCount: validated.missingBarCount,
          fileName,
          certifiedAt: this.ctx.clock.now(),
        });
        await em.flush();
        await insertBars(em, dataSet.id, validated);
        await this.governance.audit.record(em, {
          action: 'market_data.imported',
          subjectType: 'MarketDataSet',
          subjectId: dataSet.id,
          datasetChecksum: dataSet.checksum,
          details: { fileName, symbol: validated.symbol, timeframe: validated.timeframe, rowCount: dataSet.rowCount, gapCount: dataSet.gapCount },
        });
        await publishEvent(em, 'MARKET_DATA_SET_CERTIFIED', { id: dataSet.id });
        // Certified data re-evaluates the strategies whose eligible markets include it (orchestration-spec FR-001).
        await this.triggers.recordIn(em, {
          type: 'dataset_certified',
          subjectType: 'MarketDataSet',
          subjectId: dataSet.id,
          details: { fileName, timeframe: validated.timeframe, checksum: dataSet.checksum },
          universe: [validated.symbol],
          priority: 'validation',
        });
        await this.recordRegimeChange(em, dataSet);
        return dataSet;
      });
      this.ctx.logger.info(
        { fileName, dataSetId: marketDataSet.id, rows: marketDataSet.rowCount, ms: Math.round(performance.now() - started) },
        'market data imported and certified',
      );
      return { marketDataSet, created: true, parseThreadId };
    } catch (error) {
      // Two imports of the same file raced: the other one won; return its dataset.
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await this.ctx.em.fork().findOne(MarketDataSet, { checksum: validated.checksum });
        if (winner) return { marketDataSet: winner, created: false, parseThreadId };
      }
      throw error;
    }
  }

  /**
   * A newer dataset of a symbol and timeframe whose last bar sits in another volatility band than the previous
   * dataset's last bar records a `regime_change` trigger: regime-specific backtests of the impacted strategies' best
   * configurations on the new dataset, and their re-evaluation (it joins the cycle the `dataset_certified` trigger
   * queued).
   */
  private async recordRegimeChange(em: EntityManager, dataSet: MarketDataSet): Promise<void> {
    const previous = await em.findOne(
      MarketDataSet,
      { id: { $ne: dataSet.id }, symbolUniverse: { $contains: dataSet.symbolUniverse }, timeframe: dataSet.timeframe, certifiedAt: { $ne: null }, endAt: { $lt: dataSet.endAt } },
      { orderBy: { endAt: 'desc' } },
    );
    if (!previous || dataSet.timeframe === 'tick') return;
    const [before, after] = [await findLatestRegimeBand(em, previous), await findLatestRegimeBand(em, dataSet)];
    if (!before || !after || before === after) return;
    await this.triggers.recordIn(em, {
      type: 'regime_change',
      subjectType: 'MarketDataSet',
      subjectId: dataSet.id,
      details: { symbol: dataSet.symbolUniverse.join(','), timeframe: dataSet.timeframe, from: before, to: after, previousDataSetId: previous.id },
      universe: [...dataSet.symbolUniverse],
      priority: 'validation',
      retest: { dataSetId: dataSet.id, regimeBand: after },
    });
  }

  /** Datasets, newest first. */
  async list(page: PageRequest, filter: { symbol?: string | null; timeframe?: string | null } = {}): Promise<Page<MarketDataSet>> {
    await this.governance.authorize('read', 'MarketDataSet');
    const where: Record<string, unknown> = {};
    if (filter.symbol) where.symbolUniverse = { $contains: [filter.symbol.toUpperCase()] };
    if (filter.timeframe) where.timeframe = filter.timeframe;
    return paginate(this.ctx.em, MarketDataSet, where, page);
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<MarketDataSet> {
    await this.governance.authorize('read', 'MarketDataSet', id);
    const dataSet = await this.ctx.em.findOne(MarketDataSet, { id });
    if (!dataSet) throw new NotFoundError('MarketDataSet', id);
    return dataSet;
  }

  /**
   * Bars of a dataset in `[from, to)` (either bound optional), oldest first, at most `limit` (1..10000).
   * @throws ValidationError for a bad limit or range.
   */
  async bars(dataSetId: string, range: { from?: Date | null; to?: Date | null; limit?: number | null }): Promise<BarRow[]> {
    const limit = range.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new ValidationError('limit must be between 1 and 10000', 'limit');
    if (range.from && range.to && range.from >= range.to) throw new ValidationError('from must be before to', 'from');
    const rows = await this.ctx.em.execute<BarRow[]>(
      `select "timestamp", open, high, low, close, volume from market_bar
        where dataset_id = ? and (?::timestamptz is null or "timestamp" >= ?) and (?::timestamptz is null or "timestamp" < ?)
        order by "timestamp" limit ?`,
      [dataSetId, range.from ?? null, range.from ?? null, range.to ?? null, range.to ?? null, limit],
    );
    return rows.map((row) => ({ ...row, timestamp: new Date(row.timestamp) }));
  }
}

async function insertBars(em: EntityManager, dataSetId: string, bars: ValidatedOhlcv): Promise<void> {
  for (let start = 0; start < bars.timestamp.length; start += insertChunk) {
    const end = Math.min(start + insertChunk, bars.timestamp.length);
    // PostgreSQL array literals: the values are finite numbers, so the text form is exact and injection-free.
    const column = (values: Float64Array) => `{${values.subarray(start, end).join(',')}}`;
    await em.execute(
      `insert into market_bar (dataset_id, "timestamp", open, high, low, close, volume)
       select ?, to_timestamp(t / 1000.0), o, h, l, c, v
         from unnest(?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[]) as bar(t, o, h, l, c, v)`,
      [dataSetId, column(bars.timestamp), column(bars.open), column(bars.high), column(bars.low), column(bars.close), column(bars.volume)],
    );
  }
}
