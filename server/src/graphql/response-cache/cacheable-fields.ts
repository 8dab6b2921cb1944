import { Kind, getNamedType, isObjectType, type DocumentNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Fields whose value comes only from database rows (read through the ORM, so a replay of the operation's statements
 * shows any change) and from the caller's roles — never from the clock, another service or process memory that no
 * statement checks. Only operations made of these fields alone are served from the response cache; a field added to
 * one of these types stays uncached until it is reviewed and listed here. `*` lists every field of a value type.
 */
const cacheableFields: Readonly<Record<string, readonly string[] | '*'>> = {
  Query: ['scorecard', 'strategies', 'strategy'],
  ScorecardEntry: [
    'id', 'evaluationDate', 'normalizedScore', 'rank', 'recommendation', 'rationale', 'complete', 'missingInputs', 'researchOnly',
    'scoringPolicyVersion', 'inputs', 'factors', 'createdAt', 'updatedAt', 'strategy', 'strategyVersion',
  ],
  Strategy: [
    'id', 'code', 'name', 'objective', 'eligibleMarkets', 'riskCategory', 'capitalGuardrails', 'dependencyNotes', 'lifecycleState', 'createdAt',
    'updatedAt', 'promotionsFrozenAt', 'promotionsFrozenReason', 'regulatoryHoldAt', 'regulatoryHoldReason', 'latestScorecard', 'versions', 'history',
  ],
  StrategyVersion: ['id', 'versionTag', 'template', 'parameterSpace', 'changelog', 'deterministicSeed', 'approvalStatus', 'approvalMetadata', 'submittedAt', 'strategy'],
  StrategyConnection: ['edges', 'pageInfo', 'totalCount'],
  StrategyEdge: ['cursor', 'node'],
  PageInfo: '*',
  ScoringInputs: '*',
  ScoreFactor: '*',
  ScoreFactorMetric: '*',
  CapitalGuardrails: '*',
  ApprovalDecision: '*',
  ParameterSpace: '*',
  ParameterDefinition: '*',
  ParameterConstraint: '*',
  StrategyHistoryEntry: '*',
  DetailEntry: '*',
};

const isCacheableField = (typeName: string, fieldName: string) => {
  const fields = cacheableFields[typeName];
  return fields === '*' || (fields !== undefined && fields.includes(fieldName));
};

/**
 * True when `operation` is a query whose every selected field (through fragments and inline fragments) is in
 * {@link cacheableFields}. `document` must have passed validation.
 */
export function isCacheableOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const walk = (parent: GraphQLNamedType | undefined | null, selectionSet: SelectionSetNode, fragmentsSeen: ReadonlySet<string>): boolean => {
    if (!parent || !isObjectType(parent)) return false;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (!isCacheableField(parent.name, name)) return false;
        const field = parent.getFields()[name];
        if (!field) return false;
        if (selection.selectionSet && !walk(getNamedType(field.type), selection.selectionSet, fragmentsSeen)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!walk(type, selection.selectionSet, fragmentsSeen)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || fragmentsSeen.has(fragment.name.value)) return false;
        if (!walk(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet, new Set([...fragmentsSeen, fragment.name.value]))) return false;
      }
    }
    return true;
  };
  return walk(schema.getQueryType(), operation.selectionSet, new Set());
}
