import { randomBytes } from 'node:crypto';
import type { Config } from '../infra/config.ts';
import type { Logger } from '../infra/logger.ts';
import { createSystemServices } from '../services/system-services.ts';
import { NoDatabaseError } from '../infra/db/database.ts';
import { ApiToken } from '../domain/auth/api-token.entity.ts';
import { isUuid } from '../domain/ids.ts';
import { withDatabase } from './with-database.ts';

/** Options of the operator's user, role, token and audit commands. */
export interface AdminArguments {
  positionals: string[];
  roles?: string;
  password?: string;
  name?: string;
  user?: string;
  stepUp?: boolean;
  expiresDays?: string;
  from?: string;
  to?: string;
}

const splitRoles = (value: string | undefined) => (value ? value.split(',').map((role) => role.trim().toLowerCase()).filter(Boolean) : undefined);

/**
 * `user create <email> [--roles research,production] [--password P] [--name "Display name"]`: creates a user
 * (prints a generated password when none is given). `user deactivate <email> [<email>…]`. Acts as the platform; audited.
 */
export async function userCommand(config: Config, logger: Logger, action: string, args: AdminArguments): Promise<number> {
  const emails = args.positionals;
  if (emails.length === 0 || (action !== 'create' && action !== 'deactivate') || (action === 'create' && emails.length > 1)) {
    console.error('Usage: npm run crucible -- user create <email> [--roles research[,production…]] [--password P] [--name N]\n       npm run crucible -- user deactivate <email> [<email>…]');
    return 1;
  }
  return withDatabase(config, logger, async (orm) => {
    const services = createSystemServices(orm, config, logger);
    if (action === 'deactivate') {
      // Each on its own, so one unknown address does not stop the others; the exit code says whether all were found.
      let failed = 0;
      for (const email of emails) {
        try {
          const user = await services.users.findByEmail(email);
          if (!user.active) {
            console.log(`${user.email} was already deactivated.`);
            continue;
          }
          await services.users.deactivate(user.id);
          console.log(`Deactivated ${user.email}: sessions, tokens and open sockets no longer work.`);
        } catch (error) {
          failed++;
          console.error(`${email}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return failed === 0 ? 0 : 1;
    }
    const [email] = emails;
    const password = args.password ?? randomBytes(12).toString('base64url');
    const user = await services.users.create({ email: email!, displayName: args.name, password, roles: splitRoles(args.roles) ?? [] });
    const roles = user.roles.length > 0 ? `roles ${user.roles.join(', ')}` : `no roles (it can sign in but do nothing until \`role grant ${user.email} <role>\`)`;
    console.log(`Created ${user.email} (id ${user.id}) with ${roles}.${args.password ? '' : `\nPassword: ${password}`}`);
    return 0;
  });
}

/** `role grant|revoke <email> <role>`: changes a user's roles as the platform (audited as permission.granted/revoked). */
export async function roleCommand(config: Config, logger: Logger, action: string, args: AdminArguments): Promise<number> {
  const [email, role] = args.positionals;
  if (!email || !role || (action !== 'grant' && action !== 'revoke')) {
    console.error('Usage: npm run crucible -- role grant|revoke <email> <role>');
    return 1;
  }
  return withDatabase(config, logger, async (orm) => {
    const services = createSystemServices(orm, config, logger);
    const user = await services.users.findByEmail(email);
    const updated = action === 'grant' ? await services.users.grantRole(user.id, role) : await services.users.revokeRole(user.id, role);
    console.log(`${updated.email} now holds: ${updated.roles.join(', ') || '(no roles)'}`);
    return 0;
  });
}

/**
 * `token create --user <email> [--roles research,…] [--name N] [--expires-days D] [--step-up]`: prints a new
 * API token once. `--step-up` lets it perform production actions (the operator vouches for the second factor).
 * `token revoke <token id>`: revokes it and every token created with it; its open sockets close (audited).
 */
export async function tokenCommand(config: Config, logger: Logger, action: string, args: AdminArguments): Promise<number> {
  const usage = 'Usage: npm run crucible -- token create --user <email> [--roles research,…] [--name N] [--expires-days D] [--step-up]\n       npm run crucible -- token revoke <token id>';
  if (action === 'revoke') {
    const [tokenId] = args.positionals;
    if (!tokenId || args.positionals.length > 1) {
      console.error(usage);
      return 1;
    }
    if (!isUuid(tokenId)) {
      console.error(`"${tokenId}" is not a token id: give the id \`token create\` printed (Token <id> for …), not the secret`);
      return 1;
    }
    return withDatabase(config, logger, async (orm) => {
      const before = await orm.em.fork().findOne(ApiToken, { id: tokenId }, { populate: ['user'] });
      if (before?.revokedAt) {
        console.log(`Token ${tokenId} (${before.name}, ${before.user.email}) was already revoked at ${before.revokedAt.toISOString()}.`);
        return 0;
      }
      const token = await createSystemServices(orm, config, logger).auth.revokeApiToken(tokenId);
      console.log(`Revoked token ${token.id} (${token.name}, ${before?.user.email ?? 'unknown user'}) and the tokens created with it: requests and open sockets using them stop working.`);
      return 0;
    });
  }
  if (action !== 'create' || !args.user) {
    console.error(usage);
    return 1;
  }
  const days = args.expiresDays ? Number(args.expiresDays) : null;
  if (days !== null && !(days > 0)) {
    console.error('--expires-days must be a positive number');
    return 1;
  }
  return withDatabase(config, logger, async (orm) => {
    const services = createSystemServices(orm, config, logger);
    const { token, secret } = await services.auth.createApiTokenForUser(args.user!, {
      name: args.name ?? 'cli',
      roles: splitRoles(args.roles),
      expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
      stepUp: args.stepUp ?? false,
    });
    console.log(secret);
    const expiry = token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ', no expiry';
    console.error(`Token ${token.id} for ${args.user} (roles ${token.roles.join(', ')}${token.stepUp ? ', step-up' : ''}${expiry}). Shown once: store it now. Use: Authorization: Bearer <token>`);
    return 0;
  });
}

/**
 * `audit verify [--from ISO] [--to ISO]`: re-checks the hash chain, signatures and checkpoints. Exit 2 when a link is
 * broken or events were removed; exit 3 when there is nothing to verify where events are expected (an empty chain, a
 * database the platform never migrated, or no cluster in DATA_DIR — never a silently created one), or when an
 * append-only table or audit partition lacks its refusing triggers (NOT VERIFIED, naming them).
 */
export async function auditCommand(config: Config, logger: Logger, action: string, args: AdminArguments): Promise<number> {
  if (action !== 'verify') {
    console.error('Usage: npm run crucible -- audit verify [--from 2026-01-01T00:00:00Z] [--to …]');
    return 1;
  }
  const parseDate = (value: string | undefined, flag: string) => {
    if (!value) return null;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new Error(`${flag} must be an ISO date-time, got "${value}"`);
    return date;
  };
  const range = { from: parseDate(args.from, '--from'), to: parseDate(args.to, '--to') };
  return withDatabase(
    config,
    logger,
    async (orm) => {
      const [schema] = await orm.em.fork().execute<{ migrated: boolean }[]>(`select to_regclass('public.audit_event') is not null and to_regclass('public.audit_checkpoint') is not null as migrated`);
      if (!schema?.migrated) {
        console.log('Nothing to verify: this database has no Crucible audit trail (it was never migrated by the platform). Check DATABASE_URL / DATA_DIR.');
        return 3;
      }
      const result = await createSystemServices(orm, config, logger).audit.verifyChain(range);
      if (result.intact) {
        // Checkpoints are signed by a running worker every 5 minutes: none yet is normal right after `setup`.
        const checkpoints = result.checkpointCount > 0 ? `${result.checkpointCount} signed checkpoint${result.checkpointCount === 1 ? '' : 's'} matched` : 'no signed checkpoint yet (a running worker signs one every 5 minutes)';
        console.log(`Audit chain intact: ${result.checkedCount} events checked (sequence ${result.firstSequence ?? '-'}…${result.lastSequence ?? '-'}), ${checkpoints}.`);
        return 0;
      }
      if (result.brokenSequence === null) {
        console.log(`Audit chain NOT VERIFIED: ${result.reason}`);
        return 3;
      }
      console.log(`Audit chain BROKEN at sequence ${result.brokenSequence}: ${result.reason} (${result.checkedCount} events before it are intact).`);
      if (result.unprotectedRelations.length > 0) console.log(`Append-only protection is missing too: ${result.unprotectedRelations.join('; ')}`);
      return 2;
    },
    { migrate: false, existingOnly: true },
  ).catch((error: unknown) => {
    if (!(error instanceof NoDatabaseError)) throw error;
    console.log(`Nothing to verify: ${error.message}`);
    return 3;
  });
}
