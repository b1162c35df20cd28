// The first schema: every table the store keeps. Column types are chosen to mean the same on SQLite
// and PostgreSQL; only the auto-numbered audit sequence differs.
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../database";

export function initialSchema(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not today's types.
    async up(db: Kysely<any>) {
      let audit = db.schema.createTable("audit_entries");
      audit =
        dialect === "postgres"
          ? audit.addColumn("seq", "bigserial", (c) => c.primaryKey())
          : audit.addColumn("seq", "integer", (c) => c.primaryKey().autoIncrement());
      await audit
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("time_ms", "bigint", (c) => c.notNull())
        .addColumn("cluster", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("namespace", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("identity", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("entry", "text", (c) => c.notNull())
        // One row per step of an action: a retried write (or an import run twice) adds nothing.
        .addUniqueConstraint("audit_entries_id_result", ["id", "result"])
        .execute();
      await db.schema.createIndex("audit_entries_time").on("audit_entries").column("time_ms").execute();
      await db.schema
        .createIndex("audit_entries_object")
        .on("audit_entries")
        .columns(["cluster", "namespace", "name"])
        .execute();

      await db.schema
        .createTable("weight_points")
        .addColumn("delivery_key", "text", (c) => c.notNull())
        .addColumn("uid", "text", (c) => c.notNull())
        .addColumn("t", "bigint", (c) => c.notNull())
        .addColumn("revision", "text")
        .addColumn("point", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("weight_points_pk", ["uid", "t"])
        .execute();
      await db.schema
        .createIndex("weight_points_delivery")
        .on("weight_points")
        .columns(["delivery_key", "t"])
        .execute();
      await db.schema.createIndex("weight_points_t").on("weight_points").column("t").execute();

      await db.schema
        .createTable("gate_decisions")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("namespace", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("at_ms", "bigint", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("follow_ups")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("cluster", "text", (c) => c.notNull())
        .addColumn("namespace", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_ms", "bigint", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("analysis_records")
        .addColumn("record_id", "text", (c) => c.primaryKey())
        .addColumn("delivery_key", "text", (c) => c.notNull())
        .addColumn("delivery_uid", "text", (c) => c.notNull())
        .addColumn("revision", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("phase", "text", (c) => c.notNull())
        .addColumn("started_ms", "bigint")
        .addColumn("updated_ms", "bigint", (c) => c.notNull())
        .addColumn("verdict", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("analysis_records_delivery")
        .on("analysis_records")
        .columns(["delivery_key", "delivery_uid", "revision"])
        .execute();
      await db.schema
        .createIndex("analysis_records_updated")
        .on("analysis_records")
        .column("updated_ms")
        .execute();

      await db.schema
        .createTable("person_settings")
        .addColumn("person", "text", (c) => c.primaryKey())
        .addColumn("updated_ms", "bigint", (c) => c.notNull())
        .addColumn("settings", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("created_ms", "bigint", (c) => c.notNull())
        .addColumn("expires_ms", "bigint", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_expires").on("sessions").column("expires_ms").execute();

      await db.schema
        .createTable("leases")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("expires_ms", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("store_meta")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
    },
  };
}
