// The web server's settings, from the environment `npm start` sets, validated once.
import { z } from "zod";

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  hostname: z.string().min(1),
  apiUrl: z.url(),
  allowedHosts: z.array(z.string().min(1).max(300)),
  dev: z.boolean(),
});
export type WebConfig = z.infer<typeof schema>;

export function webConfigFromEnv(env: NodeJS.ProcessEnv): WebConfig {
  const parsed = schema.safeParse({
    port: env.PORT ?? "3100",
    hostname: env.WEB_HOST ?? "127.0.0.1",
    apiUrl: env.ROLLSCOPE_API_URL ?? "http://127.0.0.1:3101",
    allowedHosts: (env.ROLLSCOPE_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    dev: env.NODE_ENV === "development",
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid web server setting ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}
