import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

// The dashboard is exported as static files (out/) that the API serves on its own port beside /api:
// one process, no server rendering (apps/api/src/server/static-pages.ts). `next dev` (npm run dev)
// forwards /api to the API it runs beside on loopback.
export default function config(phase: string): NextConfig {
  const common: NextConfig = {
    reactStrictMode: true,
    poweredByHeader: false,
    transpilePackages: ["@rollscope/shared"],
    // Compression would buffer the Server-Sent Events the API streams through /api in development.
    compress: false,
  };
  if (phase !== PHASE_DEVELOPMENT_SERVER) return { ...common, output: "export" };
  const api = process.env.ROLLSCOPE_API_URL ?? "http://127.0.0.1:3101";
  return { ...common, rewrites: async () => [{ source: "/api/:path*", destination: `${api}/api/:path*` }] };
}
