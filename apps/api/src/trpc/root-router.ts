// One router per domain, composed here.
import { actionsRouter } from "./routers/actions";
import { analysisRecordRouter } from "./routers/analysis-record";
import { auditRouter } from "./routers/audit";
import { clustersRouter } from "./routers/clusters";
import { deliveriesRouter } from "./routers/deliveries";
import { historyRouter } from "./routers/history";
import { metricsRouter } from "./routers/metrics";
import { settingsRouter } from "./routers/settings";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  clusters: clustersRouter,
  deliveries: deliveriesRouter,
  metrics: metricsRouter,
  history: historyRouter,
  audit: auditRouter,
  actions: actionsRouter,
  settings: settingsRouter,
  analysisRecord: analysisRecordRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
