import { GraphQLError, Kind, type ASTVisitor, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationContext, type ValidationRule } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';

/** Limits on one GraphQL operation (configuration: GRAPHQL_MAX_*). */
export interface GraphQLLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  maxTokens: number;
}

/** Refuses selections nested deeper than `maxDepth` (introspection fields are exempt so tooling keeps working). */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(context.getDocument().definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
    const depthOf = (selectionSet: { selections: readonly import('graphql').SelectionNode[] } | undefined, visited: Set<string>): number => {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, visited) : 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visited));
        } else {
          const name = selection.name.value;
          if (visited.has(name)) continue;
          deepest = Math.max(deepest, depthOf(fragments.get(name)?.selectionSet, new Set([...visited, name])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) context.reportError(new GraphQLError(`query depth ${depth} exceeds the limit of ${maxDepth}`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      },
    };
  };
}

/** Refuses operations with more than `maxAliases` aliased fields (alias flooding). */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave(node) {
          if (aliases > maxAliases) context.reportError(new GraphQLError(`${aliases} aliases exceed the limit of ${maxAliases}`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        },
      },
    };
  };
}

/**
 * Arguments that size a list a field returns, and the largest multiplier each may contribute. `first`/`limit` are
 * capped at 1000 (services bound them further); `maxPoints` (equity curves, 3 scalars a point) counts in full, so
 * `backtestRuns(first: 200) { equityCurve(maxPoints: 100000) }` is refused instead of answering 19 MB.
 */
const listSizeArguments = [
  { name: 'first', cap: 1000 },
  { name: 'limit', cap: 1000 },
  { name: 'maxPoints', cap: Number.POSITIVE_INFINITY },
] as const;

function listMultiplier(args: Record<string, unknown>): number {
  let multiplier = 1;
  for (const { name, cap } of listSizeArguments) {
    const value = Number(args[name] ?? 1);
    if (Number.isFinite(value) && value > 1) multiplier *= Math.min(value, cap);
  }
  return multiplier;
}

/** The operation `operationName` selects (the only one when unnamed), or undefined. */
function selectOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/**
 * Coerces the request's variables against the selected operation's definitions (as execution would).
 * @returns a 400 `BAD_USER_INPUT` GraphQLError naming the first failing variable (`extensions.field`), else null.
 */
export function checkVariables(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): GraphQLError | null {
  const operation = selectOperation(document, operationName);
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  const first = coerced.errors?.[0];
  if (!first) return null;
  const field = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(first.message)?.[1];
  return new GraphQLError(first.message, { nodes: first.nodes, extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}), http: { status: 400 } } });
}

/**
 * Estimated cost of an operation: 1 per field, times the list-size arguments (`first`, `limit`, `maxPoints`; see
 * {@link listSizeArguments}) for the fields below them (graphql-query-complexity). Variables are coerced first.
 * @returns a GraphQLError (HTTP 400) when a variable fails coercion or the cost exceeds `maxComplexity`, else null.
 */
export function checkComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, maxComplexity: number): GraphQLError | null {
  const invalidVariable = checkVariables(schema, document, variables, operationName);
  if (invalidVariable) return invalidVariable;
  const complexity = getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName,
    estimators: [
      fieldExtensionsEstimator(),
      ({ args, childComplexity }) => {
        const multiplier = listMultiplier(args);
        return multiplier > 1 ? multiplier * (childComplexity + 1) : undefined;
      },
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
  if (complexity <= maxComplexity) return null;
  return new GraphQLError(`query complexity ${complexity} exceeds the limit of ${maxComplexity}`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
}
