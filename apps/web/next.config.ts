import type { NextConfig } from "next";

// The browser only talks to this origin; /api/* (tRPC, SSE subscriptions, gates) is proxied to the API.
const apiUrl = process.env.ROLLSCOPE_API_URL ?? "http://127.0.0.1:3101";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ["@rollscope/shared"],
  // The shared package is TypeScript with extensionless imports.
  typescript: { ignoreBuildErrors: false },
  async rewrites() {
    return [{ source: "/api/:path*", destination: `${apiUrl}/api/:path*` }];
  },
  compress: true,
};

export default config;
