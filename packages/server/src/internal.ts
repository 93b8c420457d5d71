// Side channels between toNodeHandler and the handler, keyed by object identity: nothing a
// client sends can set them (unlike a header), and they vanish with the request.

/** The socket's remote address of a Request that toNodeHandler made. */
export const socketAddresses = new WeakMap<Request, string>();

/** The body text of a Response the handler made, so toNodeHandler can write it without reading the stream. */
export const responseTexts = new WeakMap<Response, string>();

/** Responses for a path outside the handler's routes: under Express, toNodeHandler passes the request to `next()`. */
export const unmatchedRoutes = new WeakSet<Response>();
