import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.ts';
import { makeOrmConfig } from './orm-config.ts';

export type { MikroORM };
export type { EntityManager } from '@mikro-orm/postgresql';

/** Opens the ORM (and its connection pool) on `databaseUrl`. Close it with `orm.close()`. */
export async function openOrm(databaseUrl: string, poolMax?: number, logger?: Logger): Promise<MikroORM> {
  return MikroORM.init(makeOrmConfig({ databaseUrl, poolMax, logger }));
}
