import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { screamingEnum } from './screaming-enum.ts';
import { backtestRunStatuses } from '../domain/backtest/backtest-run.lifecycle.ts';
import { backtestModes, triggerTypes } from '../domain/backtest/backtest-run.entity.ts';
import { marketDataSources } from '../domain/market-data/market-data-set.entity.ts';
import { regimeBands } from '../domain/market-data/regime-band.ts';
import { approvalStatuses } from '../domain/strategy/strategy-version.entity.ts';
import { parameterConfigSources } from '../domain/strategy/parameter-config.entity.ts';
import { lifecycleStates, riskCategories } from '../domain/strategy/strategy.entity.ts';

export const BacktestRunStatusEnum = screamingEnum(backtestRunStatuses);
export const TriggerTypeEnum = screamingEnum(triggerTypes);
export const BacktestModeEnum = screamingEnum(backtestModes);
export const RegimeBandEnum = screamingEnum(regimeBands);
export const MarketDataSourceEnum = screamingEnum(marketDataSources);
export const ApprovalStatusEnum = screamingEnum(approvalStatuses);
export const ParameterConfigSourceEnum = screamingEnum(parameterConfigSources);
export const LifecycleStateEnum = screamingEnum(lifecycleStates);
export const RiskCategoryEnum = screamingEnum(riskCategories);
/** Timeframe names cannot start with a digit in GraphQL, so they are spelled out. */
export const TimeframeEnum = { TICK: 'tick', ONE_MINUTE: '1m', FIVE_MINUTES: '5m', ONE_HOUR: '1h', ONE_DAY: '1d' } as const;

registerEnumType(BacktestRunStatusEnum, { name: 'BacktestRunStatus', description: 'queued → running → completed | failed; queued or running → cancelled (cancelBacktest).' });
registerEnumType(TriggerTypeEnum, { name: 'TriggerType', description: 'What caused a run.' });
registerEnumType(BacktestModeEnum, { name: 'BacktestMode' });
registerEnumType(RegimeBandEnum, { name: 'RegimeBand', description: 'Trailing 30-day realized-volatility percentile band.' });
registerEnumType(MarketDataSourceEnum, { name: 'MarketDataSource' });
registerEnumType(ApprovalStatusEnum, { name: 'ApprovalStatus' });
registerEnumType(ParameterConfigSourceEnum, { name: 'ParameterConfigSource' });
registerEnumType(LifecycleStateEnum, { name: 'LifecycleState' });
registerEnumType(RiskCategoryEnum, { name: 'RiskCategory' });
registerEnumType(TimeframeEnum, { name: 'Timeframe', description: 'Bar length: ONE_MINUTE = 1m, ONE_HOUR = 1h, ONE_DAY = 1d.' });
