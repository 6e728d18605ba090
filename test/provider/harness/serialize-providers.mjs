// Child process (compiled dist/, plain node): constructs each cspctl resource under setMocks and
// prints, per resource type, the `__provider` text the SDK serialised, whether the SDK marked it
// secret, the merged resource options, and the method names of the provider revived from that text.
import { createRequire } from "node:module";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

const require = createRequire(import.meta.url);
const requireFromString = createRequire(require.resolve("@pulumi/pulumi/package.json"))("require-from-string");
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

const captured = new Map();
const options = new Map();
let done;
const allSeen = new Promise((resolve) => (done = resolve));
pulumi.runtime.setMocks(
  {
    newResource(args) {
      captured.set(args.type, args.inputs.__provider);
      if (captured.size === 4) done();
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "cspctl",
  "test",
  false,
);

const { Customer, Subscription, User, LicenseAssignment } = await import(
  join(process.cwd(), "dist", "provider", "index.js")
);
const customer = JSON.parse(process.env.FIXTURE_CUSTOMER);
const capture = (_name) => ({
  transformations: [
    (args) => {
      options.set(args.type, { additionalSecretOutputs: args.opts.additionalSecretOutputs ?? [] });
      return undefined;
    },
  ],
});
const subscription = { name: "bp", offer: "CFQ7TTC0LCHC:0002", term: "P1Y", billing: "monthly", quantity: 2 };
const user = { userPrincipalName: "a@example.onmicrosoft.com", firstName: "A", lastName: "B", password: "generate" };
new Customer("c", customer, capture("c"));
new Subscription("s", { customer, subscription }, capture("s"));
new User("u", { customer, user }, capture("u"));
new LicenseAssignment("l", { customer, user, license: { subscription: "bp" }, subscription }, capture("l"));
await Promise.race([
  allSeen,
  new Promise((_, reject) => setTimeout(() => reject(new Error("timed out waiting for registrations")), 20_000)),
]);

const report = [...captured].map(([type, value]) => {
  const secret = value !== null && typeof value === "object" && SECRET_SIG in value;
  const text = secret ? value.value : value;
  const revived = requireFromString(text, join(process.cwd(), "__provider.js")).handler();
  return { type, text, secret, methods: Object.keys(revived).sort(), options: options.get(type) };
});
process.stdout.write(JSON.stringify(report));
