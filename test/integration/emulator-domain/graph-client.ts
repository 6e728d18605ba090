// An independent Graph client for the tests: @microsoft/microsoft-graph-client, sending through
// undici with the emulator's CA trusted (Node's global fetch cannot be given a CA).
import { AuthenticationHandler, Client, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { fetch as undiciFetch, type Agent } from "undici";

class UndiciFetchHandler implements Middleware {
  constructor(private readonly dispatcher: Agent) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const response = await undiciFetch(url, {
      ...(context.options as object),
      dispatcher: this.dispatcher,
    } as Parameters<typeof undiciFetch>[1]);
    context.response = response as unknown as Response;
  }
}

export function graphClient(options: { origin: string; token: string; dispatcher: Agent }): Client {
  const auth = new AuthenticationHandler({ getAccessToken: async () => options.token });
  auth.setNext(new UndiciFetchHandler(options.dispatcher));
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${options.origin}/graph`,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(options.origin).hostname]),
  });
}
