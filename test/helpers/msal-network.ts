// An MSAL INetworkModule over undici that trusts the emulator's CA, so a real
// ConfidentialClientApplication can talk to the emulator's authority over HTTPS.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { Agent, request } from "undici";

export function emulatorNetworkModule(caPem: string): INetworkModule & { close(): Promise<void> } {
  const dispatcher = new Agent({ connect: { ca: caPem } });
  const send = async <T>(
    method: "GET" | "POST",
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await request(url, { method, headers: options?.headers, body: options?.body, dispatcher });
    const text = await response.body.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    return { status: response.statusCode, headers, body: (text === "" ? {} : JSON.parse(text)) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
    close: () => dispatcher.close(),
  };
}
