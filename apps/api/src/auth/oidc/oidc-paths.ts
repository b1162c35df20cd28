// Where the sign-in through an OpenID provider is served. Apart from oidc-sign-in.ts, so the HTTP
// server can route these paths without loading the OpenID client, which only --auth oidc needs.
export const oidcLoginPath = "/api/auth/login";
export const oidcCallbackPath = "/api/auth/callback";
