// Kysely's SQLite dialect prepares every query anew, and libsql frees a prepared statement's native
// memory only when its JavaScript object is collected: the 10,000 history writes of a start at 10,000
// deliveries left about 160 MB in the C heap, which glibc keeps. A store runs a few dozen distinct
// query texts, one at a time (SQLite statements run synchronously), so one statement per text serves.
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** `database` with its prepared statements kept, the `max` most recently used. */
export function withStatementCache(database: SqliteDatabase, max = 256): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = database.prepare(sql);
      // Re-inserted last: the Map's order is the order of use, oldest first.
      statements.set(sql, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value as string);
      return statement;
    },
    close() {
      statements.clear();
      return database.close();
    },
  };
}
