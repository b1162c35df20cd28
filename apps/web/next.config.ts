import type { NextConfig } from "next";

// The browser only talks to this origin; /api/* (tRPC, SSE subscriptions, gates) is proxied to the API
// by src/app/api/[...path]/route.ts, which reads ROLLSCOPE_API_URL at run time.

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ["@rollscope/shared"],
  // Compression would buffer the Server-Sent Events the API streams through /api.
  compress: false,
};

export default config;
