// One real PostgreSQL for the whole API test run, on loopback, stopped when the run ends. Without
// PostgreSQL installed the PostgreSQL half of the store tests is skipped and says why; under CI its
// absence is a failure, since provision.sh installs it.
import type { TestProject } from "vitest/node";
import { findPostgresBin, postgresMissing, startTestPostgres } from "../src/store/testing/test-postgres";

export default async function setup(project: TestProject) {
  if (!findPostgresBin()) {
    if (process.env.CI)
      throw new Error(postgresMissing.replace("; the PostgreSQL half of the store tests is skipped", ""));
    console.warn(`store tests: ${postgresMissing}`);
    project.provide("postgresUrl", undefined);
    project.provide("postgresSkipReason", postgresMissing);
    return;
  }
  const server = await startTestPostgres();
  project.provide("postgresUrl", server.url);
  project.provide("postgresSkipReason", undefined);
  return () => server.stop();
}
