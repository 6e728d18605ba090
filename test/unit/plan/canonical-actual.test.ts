// fingerprintActual hashes each customer through canonicalCustomer, which copies the shapes
// readActual produces by object literals; for any other shape it must fall back to exactly what
// canonicalJson printed before (the fingerprint is stored in saved plans). Each case compares the
// fast text with canonicalJson of the normalised customer, the old path.
import { describe, expect, it } from "vitest";
import { canonicalCustomer, normalisedCustomer } from "../../../reconciler/plan/canonical-actual.js";
import { canonicalJson } from "../../../reconciler/plan/fingerprint.js";
import type { ActualCustomer } from "../../../reconciler/read/actual-estate.js";
import { actualCustomer, actualSubscription, actualUser } from "../../helpers/estate-fixtures.js";

const SPB = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";

function typical(): ActualCustomer {
  return actualCustomer({
    id: "c-1",
    domain: "contoso.onmicrosoft.com",
    billing: {
      email: "ap@contoso.com",
      firstName: "Ada",
      lastName: "Lovelace",
      phone: null,
      culture: "en-US",
      language: "en",
    },
    qualifications: ["Education"],
    subscriptions: [
      actualSubscription({
        id: "s-2",
        offerId: "CFQ7TTC0LCHC:0002",
        quantity: 5,
        scheduledNextTerm: { quantity: 7, term: "P1Y" },
        refundableBatches: [{ quantity: 2, allowedUntil: "2026-06-05T00:00:00Z" }],
      }),
      actualSubscription({ id: "s-1", offerId: "CFQ7TTC0LH16:0001", quantity: 3, status: "pending", orderId: "o-1" }),
    ],
    subscribedSkus: [
      { skuId: "z-sku", skuPartNumber: "Z", activeUnits: 1, consumedUnits: 0, suspendedUnits: 0 },
      { skuId: SPB, skuPartNumber: "SPB", activeUnits: 5, consumedUnits: 2, suspendedUnits: 0 },
    ],
    users: [
      actualUser("b@contoso.com", { id: "u-2", licenses: [{ skuId: SPB, disabledPlans: ["p-2", "p-1"] }] }),
      actualUser("a@contoso.com", { id: "u-1", usageLocation: null, firstName: null, licenses: [] }),
    ],
  });
}

const oldText = (c: ActualCustomer): string => canonicalJson(normalisedCustomer(c));

type Edit = (c: ActualCustomer & Record<string, unknown>) => void;
class NotPlain {
  constructor(
    public id: string,
    public skuId = "x",
  ) {}
}

const odd: [string, Edit][] = [
  ["as readActual gives it", () => undefined],
  ["lists null (unreadable)", (c) => Object.assign(c, { subscriptions: null, users: null, subscribedSkus: null })],
  ["billing null", (c) => void (c.billing = null)],
  ["an unknown key on the customer", (c) => void (c.extra = { b: 1, a: [2] })],
  ["an unknown key on a user", (c) => void ((c.users![0] as unknown as Record<string, unknown>).mail = "x@y")],
  ["an undefined-valued key", (c) => void ((c.users![0] as unknown as Record<string, unknown>).firstName = undefined)],
  ["a missing key", (c) => void delete (c.subscriptions![0] as unknown as Record<string, unknown>).poNumber],
  [
    "a Date where a string is",
    (c) => void ((c.subscriptions![0] as unknown as Record<string, unknown>).termEndDate = new Date(0)),
  ],
  ["a function value", (c) => void ((c.users![1] as unknown as Record<string, unknown>).displayName = () => "x")],
  [
    "a non-string disabled plan",
    (c) => void (c.users![0]!.licenses[0]!.disabledPlans = [1, null] as unknown as string[]),
  ],
  // biome-ignore lint/suspicious/noSparseArray: the hole is what this case feeds the canonicaliser
  ["a hole in a list", (c) => void (c.qualifications = [, "Education"] as unknown as string[])],
  ["undefined in the users", (c) => void c.users!.push(undefined as unknown as never)],
  ["a class instance as a user", (c) => void c.users!.push(new NotPlain("u-0") as unknown as never)],
  [
    "an object without prototype",
    (c) =>
      void c.subscribedSkus!.push(
        Object.assign(Object.create(null) as object, { skuId: "m", activeUnits: 1 }) as never,
      ),
  ],
  ["an index-like key", (c) => void ((c.users![0] as unknown as Record<string, unknown>)["10"] = 1)],
  ["equal ids (the sort keeps its order)", (c) => void c.users!.push(actualUser("dup@contoso.com", { id: "u-1" }))],
  ["ids already in order", (c) => void c.users!.reverse()],
  ["non-string ids", (c) => void ((c.users![0] as unknown as Record<string, unknown>).id = 7)],
  [
    "numbers JSON cannot print",
    (c) =>
      Object.assign(c.subscribedSkus![0]!, { activeUnits: Number.NaN, consumedUnits: -0, suspendedUnits: Infinity }),
  ],
  ["strings that need escaping", (c) => void (c.companyName = 'Quote " back\\ line\n \u2028 \ud800')],
  ["an own toJSON on a list", (c) => void Object.assign(c.qualifications, { toJSON: () => "x" })],
  ["billing that is not an object", (c) => void (c.billing = "n/a" as never)],
];

describe("canonicalCustomer", () => {
  it.each(odd)("prints what canonicalJson printed: %s", (_name, edit) => {
    const c = typical() as ActualCustomer & Record<string, unknown>;
    edit(c);
    expect(canonicalCustomer(c)).toBe(oldText(c));
  });

  it("gives up the same way canonicalJson does on a value it cannot print", () => {
    const c = typical() as ActualCustomer & Record<string, unknown>;
    c.users![0]!.licenses.push({ skuId: 10n } as never);
    expect(() => oldText(c)).toThrow(TypeError);
    expect(() => canonicalCustomer(c)).toThrow(TypeError);
  });

  it("sorts a customer's lists as fingerprintActual always has, whatever the read order", () => {
    const c = typical();
    const reordered = {
      ...c,
      users: [...c.users!].reverse(),
      subscriptions: [...c.subscriptions!].reverse(),
      subscribedSkus: [...c.subscribedSkus!].reverse(),
    };
    expect(canonicalCustomer(reordered)).toBe(canonicalCustomer(c));
    expect(canonicalCustomer(c)).toMatch(/^\{"billing":\{"culture":"en-US",/);
  });

  it("changes with every field a plan depends on", () => {
    const base = canonicalCustomer(typical());
    const edits: Edit[] = [
      (c) => void (c.subscriptions![0]!.quantity += 1),
      (c) => void (c.subscriptions![1]!.status = "active"),
      (c) => void (c.users![0]!.licenses[0]!.disabledPlans = []),
      (c) => void (c.users![1]!.enabled = false),
      (c) => void (c.users![1]!.userPrincipalName = "A@contoso.com"),
      (c) => void (c.subscribedSkus![1]!.consumedUnits = 3),
      (c) => void (c.billing!.phone = "+1 425"),
      (c) => void (c.qualifications = []),
    ];
    for (const edit of edits) {
      const c = typical() as ActualCustomer & Record<string, unknown>;
      edit(c);
      expect(canonicalCustomer(c)).not.toBe(base);
      expect(canonicalCustomer(c)).toBe(oldText(c));
    }
  });
});
