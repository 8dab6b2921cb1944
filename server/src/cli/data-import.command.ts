import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Config } from '../infra/config.ts';
import type { Logger } from '../infra/logger.ts';
import { createSystemServices } from '../services/system-services.ts';
import { withDatabase } from './with-database.ts';

/**
 * `data import <file>`: validates, checksums, stores and certifies one OHLCV CSV. Exits non-zero with the
 * refusal (file, row, rule) when the file is invalid; nothing of it is stored then.
 */
export async function dataImportCommand(
  config: Config,
  logger: Logger,
  args: { file?: string; symbol?: string; timeframe?: string },
): Promise<number> {
  if (!args.file) {
    console.error('Usage: npm run crucible -- data import <file> [--symbol BTC-USDT] [--timeframe tick|1m|5m|1h|1d]');
    return 1;
  }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    console.error(`Cannot read ${path}: ${reason}`);
    return 1;
  }
  return withDatabase(config, logger, async (orm) => {
    const services = createSystemServices(orm, config, logger);
    const { marketDataSet, created } = await services.marketData.importBytes(basename(path), bytes, { symbol: args.symbol, timeframe: args.timeframe });
    console.log(
      `${created ? 'Imported and certified' : 'Already imported'}: ${marketDataSet.symbolUniverse.join(',')} ${marketDataSet.timeframe}, ` +
        `${marketDataSet.rowCount} bars, ${marketDataSet.gapCount} gaps, checksum ${marketDataSet.checksum} (id ${marketDataSet.id})`,
    );
    return 0;
  });
}
