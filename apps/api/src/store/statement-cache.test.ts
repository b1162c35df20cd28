import type { SqliteDatabase, SqliteStatement } from "kysely";
import Sqlite from "libsql";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./statement-cache";

describe("the statement cache", () => {
  it("prepares each query text once and answers as a fresh statement would", () => {
    const connection = new Sqlite(":memory:");
    const prepared: string[] = [];
    const counting: SqliteDatabase = {
      prepare: (sql) => {
        prepared.push(sql);
        return connection.prepare(sql) as unknown as SqliteStatement;
      },
      close: () => connection.close(),
    };
    const db = withStatementCache(counting);
    db.prepare("create table t (n integer)").run([]);
    for (let n = 0; n < 5; n++) db.prepare("insert into t values (?)").run([n]);
    expect(db.prepare("select sum(n) as s from t").all([])).toEqual([{ s: 10 }]);
    expect(db.prepare("select count(*) as c from t where n > ?").all([2])).toEqual([{ c: 2 }]);
    expect(db.prepare("select count(*) as c from t where n > ?").all([0])).toEqual([{ c: 4 }]);
    expect(prepared).toEqual([
      "create table t (n integer)",
      "insert into t values (?)",
      "select sum(n) as s from t",
      "select count(*) as c from t where n > ?",
    ]);
    db.close();
  });

  it("keeps only the most recently used statements", () => {
    const connection = new Sqlite(":memory:");
    const prepared: string[] = [];
    const db = withStatementCache(
      {
        prepare: (sql) => {
          prepared.push(sql);
          return connection.prepare(sql) as unknown as SqliteStatement;
        },
        close: () => connection.close(),
      },
      2,
    );
    db.prepare("select 1");
    db.prepare("select 2");
    db.prepare("select 1"); // used again: now the newest
    db.prepare("select 3"); // pushes out "select 2"
    db.prepare("select 1");
    db.prepare("select 2");
    expect(prepared).toEqual(["select 1", "select 2", "select 3", "select 2"]);
    db.close();
  });
});
