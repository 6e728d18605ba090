// Child process (compiled dist/, plain node): loads the estate at ESTATE_DIR (its ${env:} values from
// this process's environment) and declares it with declareEstate under setMocks; prints, per
// resource, which top-level inputs the SDK sent as secrets and the inputs' plain text.
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const resources = [];
pulumi.runtime.setMocks(
  {
    newResource(args) {
      const inputs = Object.fromEntries(Object.entries(args.inputs).filter(([key]) => key !== "__provider"));
      const secret = Object.entries(inputs)
        .filter(([, value]) => value !== null && typeof value === "object" && SECRET_SIG in value)
        .map(([key]) => key);
      const plain = Object.fromEntries(Object.entries(inputs).filter(([key]) => !secret.includes(key)));
      resources.push({ type: args.type, name: args.name, secret, plain: JSON.stringify(plain) });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "cspctl",
  "test",
  false,
);

const { loadEstate } = await import(join(process.cwd(), "dist", "reconciler", "index.js"));
const { declareEstate } = await import(join(process.cwd(), "dist", "provider", "index.js"));
const loaded = await loadEstate(process.env.ESTATE_DIR, { cwd: process.env.ESTATE_DIR });
if (!loaded.valid) throw new Error(JSON.stringify(loaded.diagnostics));
declareEstate(loaded.estate);
await new Promise((resolve) => setTimeout(resolve, 2000));
process.stdout.write(JSON.stringify(resources));
