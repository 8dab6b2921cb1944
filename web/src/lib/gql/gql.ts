/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MarketDataSetDetail($id: ID!) {\n    marketDataSet(id: $id) {\n      id\n      databaseId\n      symbolUniverse\n      timeframe\n      source\n      fileName\n      startAt\n      endAt\n      rowCount\n      gapCount\n      missingBarCount\n      checksum\n      createdAt\n      certifiedAt\n      qualityFlags {\n        flatBarCount\n        zeroVolumeBars\n        gaps {\n          after\n          before\n          missingBars\n        }\n      }\n    }\n  }\n": typeof types.MarketDataSetDetailDocument,
    "\n  query MarketDataSetBars($id: ID!, $from: DateTimeISO, $limit: Int) {\n    marketDataSet(id: $id) {\n      id\n      bars(from: $from, limit: $limit) {\n        timestamp\n        close\n      }\n    }\n  }\n": typeof types.MarketDataSetBarsDocument,
    "\n  query MarketDataSets($first: Int) {\n    marketDataSets(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          source\n          fileName\n          startAt\n          endAt\n          rowCount\n          gapCount\n          missingBarCount\n          checksum\n          certifiedAt\n          qualityFlags {\n            flatBarCount\n            zeroVolumeBars\n          }\n        }\n      }\n    }\n  }\n": typeof types.MarketDataSetsDocument,
    "\n  fragment RunDetail on BacktestRun {\n    id\n    databaseId\n    status\n    mode\n    triggerType\n    regimeBand\n    correlationId\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    datasetChecksum\n    parameterChecksum\n    warningFlags\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n      deterministicSeed\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n      fileName\n      checksum\n      startAt\n      endAt\n      rowCount\n    }\n    parameterConfig {\n      id\n      label\n      checksum\n      source\n      parameters\n    }\n    metrics {\n      totalReturn\n      cagr\n      annualVolatility\n      sharpe\n      sortino\n      calmar\n      omega\n      stability\n      maxDrawdown\n      maxDrawdownDurationBars\n      downsideRisk\n      valueAtRisk\n      conditionalValueAtRisk\n      tailRatio\n      tradeCount\n      winRate\n      payoffRatio\n      profitFactor\n      exposure\n      turnover\n    }\n  }\n": typeof types.RunDetailFragmentDoc,
    "\n  query BacktestRunDetail($id: ID!) {\n    backtestRun(id: $id) {\n      ...RunDetail\n      equityCurve(maxPoints: 2000) {\n        timestamp\n        equity\n        drawdown\n      }\n    }\n  }\n": typeof types.BacktestRunDetailDocument,
    "\n  subscription BacktestRunDetailUpdated($id: ID!) {\n    backtestRunUpdated(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.BacktestRunDetailUpdatedDocument,
    "\n  fragment RunRow on BacktestRun {\n    id\n    databaseId\n    status\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n    }\n    parameterConfig {\n      id\n      parameters\n    }\n    metrics {\n      sharpe\n      maxDrawdown\n      totalReturn\n      cagr\n      tradeCount\n    }\n  }\n": typeof types.RunRowFragmentDoc,
    "\n  query BacktestRuns($first: Int) {\n    backtestRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n    }\n  }\n": typeof types.BacktestRunsDocument,
    "\n  subscription BacktestRunsUpdated {\n    backtestRunUpdated {\n      ...RunRow\n    }\n  }\n": typeof types.BacktestRunsUpdatedDocument,
    "\n  query QueueBacktestOptions {\n    strategies(first: 200) {\n      edges {\n        node {\n          id\n          name\n          code\n          versions {\n            id\n            versionTag\n            template\n            parameterSpace\n          }\n        }\n      }\n    }\n    marketDataSets(first: 200) {\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          startAt\n          endAt\n          rowCount\n        }\n      }\n    }\n  }\n": typeof types.QueueBacktestOptionsDocument,
    "\n  mutation QueueBacktest($input: QueueBacktestInput!) {\n    queueBacktest(input: $input) {\n      backtestRun {\n        ...RunRow\n      }\n    }\n  }\n": typeof types.QueueBacktestDocument,
};
const documents: Documents = {
    "\n  query MarketDataSetDetail($id: ID!) {\n    marketDataSet(id: $id) {\n      id\n      databaseId\n      symbolUniverse\n      timeframe\n      source\n      fileName\n      startAt\n      endAt\n      rowCount\n      gapCount\n      missingBarCount\n      checksum\n      createdAt\n      certifiedAt\n      qualityFlags {\n        flatBarCount\n        zeroVolumeBars\n        gaps {\n          after\n          before\n          missingBars\n        }\n      }\n    }\n  }\n": types.MarketDataSetDetailDocument,
    "\n  query MarketDataSetBars($id: ID!, $from: DateTimeISO, $limit: Int) {\n    marketDataSet(id: $id) {\n      id\n      bars(from: $from, limit: $limit) {\n        timestamp\n        close\n      }\n    }\n  }\n": types.MarketDataSetBarsDocument,
    "\n  query MarketDataSets($first: Int) {\n    marketDataSets(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          source\n          fileName\n          startAt\n          endAt\n          rowCount\n          gapCount\n          missingBarCount\n          checksum\n          certifiedAt\n          qualityFlags {\n            flatBarCount\n            zeroVolumeBars\n          }\n        }\n      }\n    }\n  }\n": types.MarketDataSetsDocument,
    "\n  fragment RunDetail on BacktestRun {\n    id\n    databaseId\n    status\n    mode\n    triggerType\n    regimeBand\n    correlationId\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    datasetChecksum\n    parameterChecksum\n    warningFlags\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n      deterministicSeed\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n      fileName\n      checksum\n      startAt\n      endAt\n      rowCount\n    }\n    parameterConfig {\n      id\n      label\n      checksum\n      source\n      parameters\n    }\n    metrics {\n      totalReturn\n      cagr\n      annualVolatility\n      sharpe\n      sortino\n      calmar\n      omega\n      stability\n      maxDrawdown\n      maxDrawdownDurationBars\n      downsideRisk\n      valueAtRisk\n      conditionalValueAtRisk\n      tailRatio\n      tradeCount\n      winRate\n      payoffRatio\n      profitFactor\n      exposure\n      turnover\n    }\n  }\n": types.RunDetailFragmentDoc,
    "\n  query BacktestRunDetail($id: ID!) {\n    backtestRun(id: $id) {\n      ...RunDetail\n      equityCurve(maxPoints: 2000) {\n        timestamp\n        equity\n        drawdown\n      }\n    }\n  }\n": types.BacktestRunDetailDocument,
    "\n  subscription BacktestRunDetailUpdated($id: ID!) {\n    backtestRunUpdated(id: $id) {\n      id\n      status\n    }\n  }\n": types.BacktestRunDetailUpdatedDocument,
    "\n  fragment RunRow on BacktestRun {\n    id\n    databaseId\n    status\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n    }\n    parameterConfig {\n      id\n      parameters\n    }\n    metrics {\n      sharpe\n      maxDrawdown\n      totalReturn\n      cagr\n      tradeCount\n    }\n  }\n": types.RunRowFragmentDoc,
    "\n  query BacktestRuns($first: Int) {\n    backtestRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n    }\n  }\n": types.BacktestRunsDocument,
    "\n  subscription BacktestRunsUpdated {\n    backtestRunUpdated {\n      ...RunRow\n    }\n  }\n": types.BacktestRunsUpdatedDocument,
    "\n  query QueueBacktestOptions {\n    strategies(first: 200) {\n      edges {\n        node {\n          id\n          name\n          code\n          versions {\n            id\n            versionTag\n            template\n            parameterSpace\n          }\n        }\n      }\n    }\n    marketDataSets(first: 200) {\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          startAt\n          endAt\n          rowCount\n        }\n      }\n    }\n  }\n": types.QueueBacktestOptionsDocument,
    "\n  mutation QueueBacktest($input: QueueBacktestInput!) {\n    queueBacktest(input: $input) {\n      backtestRun {\n        ...RunRow\n      }\n    }\n  }\n": types.QueueBacktestDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketDataSetDetail($id: ID!) {\n    marketDataSet(id: $id) {\n      id\n      databaseId\n      symbolUniverse\n      timeframe\n      source\n      fileName\n      startAt\n      endAt\n      rowCount\n      gapCount\n      missingBarCount\n      checksum\n      createdAt\n      certifiedAt\n      qualityFlags {\n        flatBarCount\n        zeroVolumeBars\n        gaps {\n          after\n          before\n          missingBars\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MarketDataSetDetail($id: ID!) {\n    marketDataSet(id: $id) {\n      id\n      databaseId\n      symbolUniverse\n      timeframe\n      source\n      fileName\n      startAt\n      endAt\n      rowCount\n      gapCount\n      missingBarCount\n      checksum\n      createdAt\n      certifiedAt\n      qualityFlags {\n        flatBarCount\n        zeroVolumeBars\n        gaps {\n          after\n          before\n          missingBars\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketDataSetBars($id: ID!, $from: DateTimeISO, $limit: Int) {\n    marketDataSet(id: $id) {\n      id\n      bars(from: $from, limit: $limit) {\n        timestamp\n        close\n      }\n    }\n  }\n"): (typeof documents)["\n  query MarketDataSetBars($id: ID!, $from: DateTimeISO, $limit: Int) {\n    marketDataSet(id: $id) {\n      id\n      bars(from: $from, limit: $limit) {\n        timestamp\n        close\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketDataSets($first: Int) {\n    marketDataSets(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          source\n          fileName\n          startAt\n          endAt\n          rowCount\n          gapCount\n          missingBarCount\n          checksum\n          certifiedAt\n          qualityFlags {\n            flatBarCount\n            zeroVolumeBars\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MarketDataSets($first: Int) {\n    marketDataSets(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          source\n          fileName\n          startAt\n          endAt\n          rowCount\n          gapCount\n          missingBarCount\n          checksum\n          certifiedAt\n          qualityFlags {\n            flatBarCount\n            zeroVolumeBars\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunDetail on BacktestRun {\n    id\n    databaseId\n    status\n    mode\n    triggerType\n    regimeBand\n    correlationId\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    datasetChecksum\n    parameterChecksum\n    warningFlags\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n      deterministicSeed\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n      fileName\n      checksum\n      startAt\n      endAt\n      rowCount\n    }\n    parameterConfig {\n      id\n      label\n      checksum\n      source\n      parameters\n    }\n    metrics {\n      totalReturn\n      cagr\n      annualVolatility\n      sharpe\n      sortino\n      calmar\n      omega\n      stability\n      maxDrawdown\n      maxDrawdownDurationBars\n      downsideRisk\n      valueAtRisk\n      conditionalValueAtRisk\n      tailRatio\n      tradeCount\n      winRate\n      payoffRatio\n      profitFactor\n      exposure\n      turnover\n    }\n  }\n"): (typeof documents)["\n  fragment RunDetail on BacktestRun {\n    id\n    databaseId\n    status\n    mode\n    triggerType\n    regimeBand\n    correlationId\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    datasetChecksum\n    parameterChecksum\n    warningFlags\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n      deterministicSeed\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n      fileName\n      checksum\n      startAt\n      endAt\n      rowCount\n    }\n    parameterConfig {\n      id\n      label\n      checksum\n      source\n      parameters\n    }\n    metrics {\n      totalReturn\n      cagr\n      annualVolatility\n      sharpe\n      sortino\n      calmar\n      omega\n      stability\n      maxDrawdown\n      maxDrawdownDurationBars\n      downsideRisk\n      valueAtRisk\n      conditionalValueAtRisk\n      tailRatio\n      tradeCount\n      winRate\n      payoffRatio\n      profitFactor\n      exposure\n      turnover\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BacktestRunDetail($id: ID!) {\n    backtestRun(id: $id) {\n      ...RunDetail\n      equityCurve(maxPoints: 2000) {\n        timestamp\n        equity\n        drawdown\n      }\n    }\n  }\n"): (typeof documents)["\n  query BacktestRunDetail($id: ID!) {\n    backtestRun(id: $id) {\n      ...RunDetail\n      equityCurve(maxPoints: 2000) {\n        timestamp\n        equity\n        drawdown\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BacktestRunDetailUpdated($id: ID!) {\n    backtestRunUpdated(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription BacktestRunDetailUpdated($id: ID!) {\n    backtestRunUpdated(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRow on BacktestRun {\n    id\n    databaseId\n    status\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n    }\n    parameterConfig {\n      id\n      parameters\n    }\n    metrics {\n      sharpe\n      maxDrawdown\n      totalReturn\n      cagr\n      tradeCount\n    }\n  }\n"): (typeof documents)["\n  fragment RunRow on BacktestRun {\n    id\n    databaseId\n    status\n    createdAt\n    startedAt\n    completedAt\n    durationMs\n    engineVersion\n    failureReason\n    feeBps\n    slippageBps\n    strategy {\n      id\n      name\n      code\n    }\n    strategyVersion {\n      id\n      versionTag\n      template\n    }\n    marketDataSet {\n      id\n      symbolUniverse\n      timeframe\n    }\n    parameterConfig {\n      id\n      parameters\n    }\n    metrics {\n      sharpe\n      maxDrawdown\n      totalReturn\n      cagr\n      tradeCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BacktestRuns($first: Int) {\n    backtestRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BacktestRuns($first: Int) {\n    backtestRuns(first: $first) {\n      totalCount\n      edges {\n        node {\n          ...RunRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BacktestRunsUpdated {\n    backtestRunUpdated {\n      ...RunRow\n    }\n  }\n"): (typeof documents)["\n  subscription BacktestRunsUpdated {\n    backtestRunUpdated {\n      ...RunRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueBacktestOptions {\n    strategies(first: 200) {\n      edges {\n        node {\n          id\n          name\n          code\n          versions {\n            id\n            versionTag\n            template\n            parameterSpace\n          }\n        }\n      }\n    }\n    marketDataSets(first: 200) {\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          startAt\n          endAt\n          rowCount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueueBacktestOptions {\n    strategies(first: 200) {\n      edges {\n        node {\n          id\n          name\n          code\n          versions {\n            id\n            versionTag\n            template\n            parameterSpace\n          }\n        }\n      }\n    }\n    marketDataSets(first: 200) {\n      edges {\n        node {\n          id\n          symbolUniverse\n          timeframe\n          startAt\n          endAt\n          rowCount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QueueBacktest($input: QueueBacktestInput!) {\n    queueBacktest(input: $input) {\n      backtestRun {\n        ...RunRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation QueueBacktest($input: QueueBacktestInput!) {\n    queueBacktest(input: $input) {\n      backtestRun {\n        ...RunRow\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;