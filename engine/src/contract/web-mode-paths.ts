// Where web mode serves the contract (`berth desktop --web`), shared by its server and the
// renderer's transport: the WebSocket for everything, `POST /call` for calls made while the
// socket is not open yet. Both carry the page's token: the socket in its URL's query, a call in
// a header (a header cannot be set by a plain cross-site form or link).
export const SOCKET_PATH = '/rpc';
export const CALL_PATH = '/call';
export const CALL_TOKEN_HEADER = 'x-berth-token';
