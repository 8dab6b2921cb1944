/**
 * What a GraphQL object type of entity `E` must declare: every entity property except `id` (the Relay id is
 * separate) and the listed `Hidden` ones — not exposed, or exposed in another shape (relations through field
 * resolvers, JSON columns as typed objects). Written the same way for every entity-backed type:
 *
 *   class BacktestRunType extends NodeInterface implements EntityFields<BacktestRun, 'strategyVersion' | …> { … }
 *
 * so a renamed, added or retyped column, or a hidden name that no longer exists, fails the build here.
 */
export type EntityFields<E, Hidden extends keyof E = never> = Omit<E, Hidden | ('id' extends keyof E ? 'id' : never)>;
