// Preloaded with `--import` by exchange-library-loading.test.ts: counts the modules of the `ccxt` package the process
// loads (in-thread module hooks see every ESM and CommonJS load, also those tsx transforms) and prints the count on
// standard error when the process exits, as `ccxt modules loaded: <n>`.
import { registerHooks } from 'node:module';

const ccxtModules = new Set();
registerHooks({
  load(url, context, nextLoad) {
    if (/[\\/]node_modules[\\/]ccxt[\\/]/.test(url)) ccxtModules.add(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => {
  process.stderr.write(`\nccxt modules loaded: ${ccxtModules.size}\n`);
});
