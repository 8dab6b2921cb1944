import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context.ts';
import { isCacheableOperation } from './cacheable-fields.ts';
import { currentStatementLog } from '../../infra/db/statement-log.ts';

/**
 * Marks the recorded operation (statement-log.ts) unfit for the response cache unless it is a query made only of
 * cacheable fields (cacheable-fields.ts) and its response carries no error — an error, a refusal or a complexity
 * refusal is never cached, so every such response is decided afresh by the normal path.
 */
export function responseCachePlugin(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ document, operation }) => {
        const log = currentStatementLog();
        if (log && !(operation && isCacheableOperation(schema, document, operation))) log.replayable = false;
      },
      willSendResponse: async ({ response }) => {
        const log = currentStatementLog();
        if (log && (response.body.kind !== 'single' || response.body.singleResult.errors || response.http.status !== undefined && response.http.status !== 200)) log.replayable = false;
      },
    }),
  };
}
