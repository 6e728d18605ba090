// MSAL's network calls (discovery, token endpoint) go through the client's own undici Agent, so the
// CA file, keep-alive and timeouts apply to login traffic too. Bodies carry secrets (client_secret,
// client_assertion, refresh_token): nothing here logs them.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { request as undiciRequest, type Dispatcher } from "undici";

export function createMsalNetworkModule(dispatcher: Dispatcher): INetworkModule {
  const send = async <T>(
    method: "GET" | "POST",
    url: string,
    options: NetworkRequestOptions | undefined,
    timeoutMs?: number,
  ): Promise<NetworkResponse<T>> => {
    const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const response = await undiciRequest(url, {
      dispatcher,
      method,
      headers: options?.headers ?? {},
      ...(options?.body === undefined ? {} : { body: options.body }),
      ...(signal === undefined ? {} : { signal }),
    });
    const text = await response.body.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    let body: unknown = {};
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        body = {
          error: "invalid_response",
          error_description: `non-JSON answer from ${new URL(url).origin} (HTTP ${response.statusCode})`,
        };
      }
    }
    return { status: response.statusCode, headers, body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send("GET", url, options, timeout),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}
