import { GraphQLError, Kind, type ASTVisitor, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
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
 * Estimated cost of an operation: 1 per field, times `first`/`limit` for list arguments (graphql-query-complexity).
 * @returns a GraphQLError when it exceeds `maxComplexity`, else null.
 */
export function checkComplexity(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, maxComplexity: number): GraphQLError | null {
  const complexity = getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName,
    estimators: [
      fieldExtensionsEstimator(),
      ({ args, childComplexity }) => {
        const multiplier = Number(args.first ?? args.limit ?? 1);
        return Number.isFinite(multiplier) && multiplier > 1 ? Math.min(multiplier, 1000) * (childComplexity + 1) : undefined;
      },
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
  if (complexity <= maxComplexity) return null;
  return new GraphQLError(`query complexity ${complexity} exceeds the limit of ${maxComplexity}`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
}
