import { Migration } from '@mikro-orm/migrations';

/**
 * Authentication hardening: API tokens remember the token that created them (revocation cascades to the tokens it
 * created), and users remember the last TOTP time step they used (a code is accepted once, RFC 6238 §5.2).
 */
export class Migration20261204195500 extends Migration {

  override name = 'Migration20261204195500';

  override up(): void | Promise<void> {
    this.addSql(`alter table "api_token" add "parent_token_id" uuid null;`);
    this.addSql(`alter table "api_token" add constraint "api_token_parent_token_id_foreign" foreign key ("parent_token_id") references "api_token" ("id") on delete cascade;`);
    this.addSql(`create index "api_token_parent_token_id_index" on "api_token" ("parent_token_id");`);
    this.addSql(`alter table "app_user" add "totp_last_step" bigint null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "totp_last_step";`);
    this.addSql(`drop index "api_token_parent_token_id_index";`);
    this.addSql(`alter table "api_token" drop constraint "api_token_parent_token_id_foreign";`);
    this.addSql(`alter table "api_token" drop column "parent_token_id";`);
  }
}
