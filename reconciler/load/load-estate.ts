// loadEstate: files → YAML documents → schema → profiles merged → semantic checks → DesiredEstate.
// Every problem is collected; the result is the estate (with any warnings) or the sorted diagnostics.
import { catalog as embeddedCatalog, type Catalog } from "../../core/catalog.js";
import { sortDiagnostics, type Diagnostic } from "../model/diagnostic.js";
import type { DesiredEstate } from "../model/desired-estate.js";
import type { CustomerSpec, Metadata, PriceListSpec } from "../model/estate.generated.js";
import { SensitiveValues } from "../../core/sensitive-values.js";
import { buildEstate } from "./build-estate.js";
import type { CheckContext, MergedCustomer } from "./checks/context.js";
import { checkCustomer } from "./checks/customer-rules.js";
import { checkAccess } from "./checks/access-rules.js";
import { checkDocumentNames, checkEstateUniqueness, type NamedDocument } from "./checks/duplicates.js";
import { checkOffers } from "./checks/offer-rules.js";
import { checkPriceList, checkPricing, type PriceListDocument } from "./checks/pricing-rules.js";
import { checkPromotions } from "./checks/promotion-rules.js";
import { checkTrials } from "./checks/trial-rules.js";
import { checkUsers } from "./checks/user-rules.js";
import { DiagnosticSink } from "./diagnostic-sink.js";
import type { EnvSource } from "./env-substitution.js";
import { collectEstateFiles } from "./estate-files.js";
import { LoadLimits } from "./limits.js";
import { parseEstateText, type ParsedDocument } from "./parse-documents.js";
import { expandProfiles, mergeSpecs, type ProfileDefinition, type SpecObject } from "./profile-merge.js";
import { readEstateFile } from "./read-estate-file.js";
import { validateDocument } from "./schema-validate.js";
import { SourceIndex } from "./source-index.js";

export interface LoadOptions {
  /** Diagnostics name files relative to this folder. Default: process.cwd(). */
  cwd?: string;
  /** Where `${env:NAME}` looks. Default: process.env. */
  env?: EnvSource;
  limits?: Partial<LoadLimits>;
  catalog?: Catalog;
}

export type LoadResult =
  | { valid: true; estate: DesiredEstate; diagnostics: Diagnostic[]; files: string[] }
  | { valid: false; estate?: undefined; diagnostics: Diagnostic[]; files: string[] };

export async function loadEstate(paths: string | readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const limits: LoadLimits = { ...LoadLimits, ...options.limits };
  const sink = new DiagnosticSink();
  const index = new SourceIndex();
  const sensitive = new SensitiveValues();
  const context: CheckContext = { sink, index, catalog: options.catalog ?? embeddedCatalog };

  const files = await collectEstateFiles(typeof paths === "string" ? [paths] : paths, { cwd, sink, limits });
  const documents: ParsedDocument[] = [];
  for (const file of files) {
    const text = readEstateFile(file, sink, limits);
    if (text !== undefined)
      documents.push(...parseEstateText(text, file.display, { sink, index, env, sensitive, limits }));
  }

  const named: NamedDocument[] = [];
  for (const document of documents) {
    if (!validateDocument(document, index, sink)) continue;
    const data = document.data as { kind: string; metadata: Metadata };
    named.push({ kind: data.kind, name: data.metadata.name, document, metadata: data.metadata });
  }
  const duplicates = checkDocumentNames(named, context);
  const profiles = new Map<string, ProfileDefinition>();
  for (const doc of named) {
    if (doc.kind === "Profile" && !duplicates.has(doc))
      profiles.set(doc.name, { name: doc.name, spec: (doc.document.data as { spec: SpecObject }).spec });
  }
  const priceLists = new Map<string, PriceListDocument>();
  for (const doc of named) {
    if (doc.kind !== "PriceList" || duplicates.has(doc)) continue;
    const list = { name: doc.name, document: doc.document, spec: (doc.document.data as { spec: PriceListSpec }).spec };
    priceLists.set(doc.name, list);
    checkPriceList(list, context);
  }
  for (const profile of profiles.values()) expandProfiles(profile.spec, profiles, index, sink, profile.name); // reports cycles among profiles

  const customers: MergedCustomer[] = [];
  for (const doc of named) {
    if (doc.kind !== "Customer" || duplicates.has(doc)) continue;
    const spec = (doc.document.data as { spec: SpecObject }).spec;
    const expanded = expandProfiles(spec, profiles, index, sink);
    const merged = mergeSpecs([...expanded.specs, spec], index) as unknown as CustomerSpec;
    customers.push({
      metadata: doc.metadata as Metadata,
      document: doc.document,
      spec: merged,
      profiles: expanded.names,
    });
  }
  for (const customer of customers) {
    checkCustomer(customer, context);
    checkOffers(customer, context);
    checkTrials(customer, context);
    checkPromotions(customer, context);
    checkUsers(customer, context);
    checkPricing(customer, priceLists, context);
    checkAccess(customer, context);
  }
  checkEstateUniqueness(customers, context);

  // a message may quote a value (`company.name "…" is too long`): it shows the reference instead
  const diagnostics = sortDiagnostics(sink.diagnostics).map((d) => sensitive.maskDeep(d));
  const read = files.map((f) => f.display);
  if (sink.errorCount > 0) return { valid: false, diagnostics, files: read };
  const profileDocs = named.filter((d) => d.kind === "Profile");
  return {
    valid: true,
    diagnostics,
    files: read,
    estate: buildEstate({ customers, profiles: profileDocs, priceLists, files: read, index, env, sensitive }),
  };
}
