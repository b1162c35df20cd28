// Stands in for the whatwg-url package in the API bundle. node-fetch 2 (client-node's HTTP client)
// requires it but uses Node's own URL whenever Node has one (`Url.URL || whatwgUrl.URL`), which every
// supported Node does; the package and its Unicode tables (tr46) were 290 KB of the bundle unused.
module.exports = { URL: globalThis.URL, URLSearchParams: globalThis.URLSearchParams };
