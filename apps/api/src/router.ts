// Type-only entry for the web app: the shape of the API, nothing that runs.
export type { AppRouter } from "./trpc/root-router";
