// Calls the domain's handlers directly with a HandlerContext and a settable clock, for unit tests
// of handler logic. Integration tests go over real HTTPS instead.
import { catalog } from "../../../core/catalog.js";
import { createDomain } from "../../../emulator/domain.js";
import { EmulatorHttpError } from "../../../emulator/errors.js";
import type {
  DomainConfig,
  EmulatorDomain,
  EmulatorRequest,
  EmulatorResponse,
  HandlerContext,
  Principal,
  Route,
} from "../../../emulator/pipeline/types.js";

export const PARTNER = "11111111-1111-4111-8111-111111111111";
export const OTHER_PARTNER = "22222222-2222-4222-8222-222222222222";

export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
}

export interface Harness {
  domain: EmulatorDomain;
  clock: TestClock;
  context: HandlerContext;
  call(method: Route["method"], path: string, options?: CallOptions): Promise<EmulatorResponse>;
  /** Like call, but returns the thrown EmulatorHttpError (fails when none is thrown). */
  fail(method: Route["method"], path: string, options?: CallOptions): Promise<EmulatorHttpError>;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  principal?: Partial<Principal>;
  face?: Route["face"];
}

export function createHarness(config: Partial<DomainConfig> = {}, start = "2026-01-10T09:00:00Z"): Harness {
  const clock = new TestClock(new Date(start));
  const fullConfig: DomainConfig = {
    provisioningDelaySeconds: 0,
    slowStartSeconds: 0,
    defaultPageSize: 100,
    billingCycleDay: 1,
    exportRetryAfterSeconds: 0,
    exportRunningPolls: 1,
    ...config,
  };
  const domain = createDomain({ clock, catalog, config: fullConfig });
  const context: HandlerContext = { clock, catalog, config: fullConfig };

  async function call(method: Route["method"], path: string, options: CallOptions = {}): Promise<EmulatorResponse> {
    const face = options.face ?? "partner-center";
    const [pathname = "", search = ""] = path.split("?");
    for (const route of domain.routes) {
      if (route.face !== face || route.method !== method) continue;
      const params = match(route.template, pathname);
      if (params === undefined) continue;
      const request: EmulatorRequest = {
        method,
        path: pathname,
        query: new URLSearchParams(search),
        headers: options.headers ?? {},
        body: options.body,
        params,
        principal: {
          partnerTenantId: PARTNER,
          clientId: "app",
          kind: "user",
          userObjectId: "u",
          audience: face,
          tenantId: PARTNER,
          ...options.principal,
        },
        requestId: undefined,
        correlationId: undefined,
        origin: "https://127.0.0.1:1",
      };
      return route.handler(request, context);
    }
    throw new Error(`no route for ${method} ${path}`);
  }

  async function fail(method: Route["method"], path: string, options: CallOptions = {}): Promise<EmulatorHttpError> {
    try {
      const response = await call(method, path, options);
      throw new Error(`expected an error, got ${response.status} ${JSON.stringify(response.body)}`);
    } catch (error) {
      if (error instanceof EmulatorHttpError) return error;
      throw error;
    }
  }

  return { domain, clock, context, call, fail };
}

function match(template: string, path: string): Record<string, string> | undefined {
  const t = template.split("/");
  const p = path.split("/");
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i += 1) {
    const segment = t[i] ?? "";
    const actual = decodeURIComponent(p[i] ?? "");
    if (segment.startsWith("{") && segment.endsWith("}")) params[segment.slice(1, -1)] = actual;
    else if (segment.toLowerCase() !== actual.toLowerCase()) return undefined;
  }
  return params;
}

/** A seed with one partner, `customers` customers and a tenant nobody has yet. */
export function basicSeed(customers = 3): Record<string, unknown> {
  return {
    partners: [
      {
        tenantId: PARTNER,
        name: "Partner A",
        mpnId: "1234567",
        applications: [
          { clientId: "aaaaaaaa-0000-4000-8000-000000000001", clientSecrets: ["secret-a"], certificates: [] },
        ],
        users: [
          {
            objectId: "bbbbbbbb-0000-4000-8000-000000000001",
            userPrincipalName: "admin@partnera.onmicrosoft.com",
            refreshTokens: ["rt-a"],
          },
        ],
        customers: Array.from({ length: customers }, (_, i) => ({
          tenantId: `cccccccc-0000-4000-8000-${String(i).padStart(12, "0")}`,
          companyName: i % 2 === 0 ? `Contoso ${i}` : `Fabrikam ${i}`,
          domain: i % 2 === 0 ? `contoso${i}.onmicrosoft.com` : `fabrikam${i}.onmicrosoft.com`,
        })),
      },
      {
        tenantId: OTHER_PARTNER,
        name: "Partner B",
        applications: [{ clientId: "aaaaaaaa-0000-4000-8000-000000000002", clientSecrets: ["secret-b"] }],
      },
    ],
    tenants: [
      {
        tenantId: "dddddddd-0000-4000-8000-000000000001",
        companyName: "Northwind",
        domain: "northwind.onmicrosoft.com",
        subscribedSkus: [{ skuPartNumber: "SPB", enabledUnits: 10 }],
      },
    ],
  };
}
