// Every schema version, in order. A migration, once released, never changes: add a new one.
import type { Migration } from "kysely";
import type { Dialect } from "../database";
import { initialSchema } from "./0001-initial";
import { oidcPendingLogins } from "./0002-oidc-pending-logins";

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001-initial": initialSchema(dialect),
    "0002-oidc-pending-logins": oidcPendingLogins,
  };
}
