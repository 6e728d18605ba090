// cspctl's Pulumi resources used directly: the inputs follow schemas/estate.schema.json (the same
// keys as a YAML Customer document), and every resource is planned and applied by cspctl's reconciler.
import * as pulumi from "@pulumi/pulumi";
import { Customer, LicenseAssignment, Subscription, User, type CustomerArgs } from "cspctl/provider";

const config = new pulumi.Config();
const seats = config.getNumber("seats") ?? 10;

const customer = {
  name: "fourthcoffee",
  company: { name: "Fourth Coffee", domain: "fourthcoffee.onmicrosoft.com", country: "US" },
  tenant: { mode: "create" },
  billing: {
    email: "ap@fourthcoffee.example",
    firstName: "Ada",
    lastName: "Lovelace",
    address: { line1: "1 Espresso Way", city: "Seattle", state: "WA", postalCode: "98101", country: "US" },
  },
  policy: { protect: true },
} satisfies CustomerArgs;

const owner = new Customer("fourthcoffee", customer);

const premium = {
  name: "business-premium",
  offer: "CFQ7TTC0LCHC:0002",
  term: "P1Y",
  billing: "monthly",
  quantity: seats,
} as const;
const businessPremium = new Subscription(
  "fourthcoffee/business-premium",
  { customer, subscription: premium },
  { parent: owner },
);

// An add-on is a Subscription with a base.
const teams = {
  name: "teams-premium",
  offer: "CFQ7TTC0RM8K:0002",
  term: "P1Y",
  billing: "monthly",
  quantity: 2,
} as const;
const teamsPremium = new Subscription(
  "fourthcoffee/teams-premium",
  { customer, subscription: teams, base: premium },
  { parent: businessPremium },
);

const user = {
  userPrincipalName: "barista@fourthcoffee.onmicrosoft.com",
  firstName: "Bea",
  lastName: "Rista",
  usageLocation: "US",
  password: "generate",
} as const;
const barista = new User("fourthcoffee/barista", { customer, user }, { parent: owner });

new LicenseAssignment(
  "fourthcoffee/barista/business-premium",
  {
    customer,
    user,
    license: { subscription: premium.name, disabledPlans: ["YAMMER_ENTERPRISE"] },
    subscription: premium,
  },
  { parent: barista, dependsOn: [businessPremium] },
);
new LicenseAssignment(
  "fourthcoffee/barista/teams-premium",
  { customer, user, license: { subscription: teams.name }, subscription: teams, base: premium },
  { parent: barista, dependsOn: [teamsPremium] },
);

export const customerId = owner.customerId;
export const subscriptionId = businessPremium.subscriptionId;
/** Secret: listed in the User resource's additionalSecretOutputs. */
export const baristaPassword = barista.password;
