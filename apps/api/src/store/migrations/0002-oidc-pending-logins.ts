// Sign-ins on their way through the OpenID provider move into the store, so the provider's callback
// may land on any replica.
import type { Kysely, Migration } from "kysely";

export const oidcPendingLogins: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not today's types.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("oidc_pending_logins")
      .addColumn("id_hash", "text", (c) => c.primaryKey())
      .addColumn("expires_ms", "bigint", (c) => c.notNull())
      .addColumn("login", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("oidc_pending_logins_expires")
      .on("oidc_pending_logins")
      .column("expires_ms")
      .execute();
  },
};
