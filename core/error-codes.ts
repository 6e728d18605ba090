/**
 * Every public error code (`area.snake_case`) with a one-line meaning. Codes are public API:
 * append, never rename. Each area appends its own block.
 */
export const errorCodes = {
  // --- client (Partner Center + Graph client) ---
  "client.config_missing": "A required client setting (option or CSPCTL_* variable) is not set.",
  "client.config_conflict": "Two client settings contradict each other (e.g. both a client secret and a certificate).",
  "client.config_invalid": "A client setting has an invalid value (URL, GUID, unreadable or malformed PEM file).",
  "client.credential_missing":
    "The call needs a credential that is not configured (app+user calls need CSPCTL_REFRESH_TOKEN).",
  "client.auth_failed": "The token endpoint refused to issue a token.",
  "client.unauthorized": "Partner Center or Graph answered 401: the token was missing, expired or rejected.",
  "client.forbidden": "Partner Center or Graph answered 403: the caller lacks the role, relationship or token type.",
  "client.not_found": "Partner Center or Graph answered 404: the resource does not exist.",
  "client.bad_request": "Partner Center or Graph rejected the request (400) with a business or validation error.",
  "client.conflict": "Partner Center or Graph answered 409: a conflicting or in-progress operation.",
  "client.precondition_failed": "The ETag sent in If-Match is no longer current (412).",
  "client.throttled": "Partner Center or Graph answered 429 Too Many Requests and retries did not get through.",
  "client.server_error": "Partner Center or Graph answered with a 5xx server error.",
  "client.http_error": "Partner Center or Graph answered with an unexpected HTTP status.",
  "client.network_error": "The connection failed or was reset before a response arrived.",
  "client.timeout": "No response (headers or body) arrived within the configured timeout.",
  "client.aborted": "The request was cancelled through its AbortSignal.",
  "client.retry_budget_exhausted": "The client's retry budget is spent; the last failure is attached as the cause.",
  "client.unexpected_response": "A response lacked a field the client requires (renamed or missing in the payload).",
  "client.operation_timeout":
    "An asynchronous operation (order provisioning, 202 Accepted) did not finish within the polling limit.",
  // --- estate (loader and `cspctl validate`) ---
  "estate.invalid":
    "The estate has errors; the diagnostics list every one (thrown by callers that need a valid estate).",
  "estate.path_not_found": "A path given to the loader does not exist.",
  "estate.no_estate_files": "A folder holds no .yaml or .yml file.",
  "estate.too_many_files": "More estate files than the loader reads from one folder (50,000).",
  "estate.symlink_escape": "A symlink inside the estate folder leads outside it.",
  "estate.symlink_broken": "A symlink inside the estate folder points nowhere or loops.",
  "estate.file_unreadable": "A file cannot be read (permissions, not a regular file).",
  "estate.file_too_large": "A file is larger than the 5 MiB limit.",
  "estate.binary_file": "A file holds a NUL byte: it is binary, not YAML text.",
  "estate.invalid_utf8": "A file is not valid UTF-8.",
  "estate.empty_file": "A file holds no YAML document.",
  "estate.yaml_syntax": "The YAML cannot be parsed at this position.",
  "estate.yaml_warning": "The YAML parser warns about this position.",
  "estate.duplicate_key": "A map repeats a key.",
  "estate.tab_indent": "A line is indented with a tab.",
  "estate.unsupported_tag": "A YAML tag (!foo) that estates do not use.",
  "estate.unsupported_value": "A YAML value that is not text, a number, a boolean or null (binary, date…).",
  "estate.too_deep": "Nesting deeper than the limit (32 levels, 256 flow brackets).",
  "estate.alias_limit": "More alias references in one document than the limit (1,000).",
  "estate.document_too_large": "A document expands to more nodes than the limit (200,000), e.g. an alias bomb.",
  "estate.invalid_key": "A map key that is not a plain scalar.",
  "estate.forbidden_key": "A key such as __proto__ or constructor, refused so it cannot reach an object prototype.",
  "estate.number_out_of_range": "A number that is infinite, not exact (beyond 2^53) or outside the field's range.",
  "estate.env_missing": "A ${env:NAME} reference names an unset environment variable.",
  "estate.env_invalid_reference": "A malformed ${env:…} reference.",
  "estate.unknown_key": "A key the schema does not define (with a did-you-mean hint).",
  "estate.missing_field": "A required key is missing.",
  "estate.invalid_type": "A value has the wrong type (text for a number, a list for a map…).",
  "estate.invalid_value": "A value outside the allowed set (kind, term, billing, country…).",
  "estate.invalid_format": "A value does not match its format (name, offer id, UPN, domain, e-mail, date…).",
  "estate.invalid_length": "A text value is too short or too long.",
  "estate.invalid_label": "A label key is not a valid label name.",
  "estate.too_many_items": "A list holds more items than allowed.",
  "estate.duplicate_item": "A list repeats a value that must be unique.",
  "estate.empty_object": "A map that must set at least one key is empty.",
  "estate.schema_violation": "Any other schema rule.",
  "estate.password_literal": "A password written as a literal; only generate or ${env:VAR} are allowed.",
  "estate.too_many_sales_reps": "More than 3 sales reps.",
  "estate.duplicate_name": "Two documents of one kind share metadata.name.",
  "estate.duplicate_subscription": "Two subscriptions or add-ons of one customer share a name.",
  "estate.duplicate_user": "A userPrincipalName is declared twice in the estate.",
  "estate.duplicate_domain": "Two customers have the same domain.",
  "estate.duplicate_tenant": "Two customers link the same tenant id.",
  "estate.duplicate_license": "A user lists the same licence twice.",
  "estate.unknown_profile": "A customer or profile refers to a profile that does not exist.",
  "estate.profile_cycle": "Profiles refer to each other in a cycle.",
  "estate.billing_required": "tenant.mode create without a billing profile.",
  "estate.tenant_id_with_create": "tenant.id given with tenant.mode create.",
  "estate.invalid_initial_domain": "A new tenant's domain is not <letters and digits>.onmicrosoft.com.",
  "estate.initial_domain_length": "Warning: the initial domain prefix is longer than the reported 27-character limit.",
  "estate.state_required": "An address in a country with states (US, CA, AU, BR, IN, MX) has no state.",
  "estate.qualification_detail_missing":
    "A qualification lacks what Partner Center needs to set it (government: company.validationCode).",
  "estate.qualification_detail_unused":
    "A qualification detail (validationCode, educationSegment) is declared for another qualification.",
  "estate.unknown_offer": "An offer id that is not in the embedded catalog.",
  "estate.addon_as_base": "An add-on offer used as a base subscription.",
  "estate.not_an_addon": "A base offer listed under addons.",
  "estate.addon_prerequisite_missing": "An add-on's base subscription is not one of its prerequisite offers.",
  "estate.term_not_allowed": "A term the offer does not have.",
  "estate.billing_not_allowed": "A billing frequency not allowed for the term (R-TERM-3).",
  "estate.quantity_out_of_range": "A quantity outside the offer's minimum and maximum.",
  "estate.renewal_requires_auto_renew": "Renewal changes on a subscription with autoRenew false (R-REN-3).",
  "estate.renewal_requires_active": "Renewal changes on a subscription that is not active (R-REN-3).",
  "estate.trial_not_available":
    "A trial of an add-on, of an offer without trial, or for an education/government customer (R-TRI-5).",
  "estate.trial_quantity": "A trial whose quantity is not 25 (R-TRI-1).",
  "estate.trial_convert_now_seats": "A trial converted now with fewer than 25 seats (R-TRI-3).",
  "estate.trial_convert_contradiction": "trial.convert contradicts autoRenew (never with true, auto with false).",
  "estate.trial_convert_to_without_auto": "trial.convertTo without convert: auto.",
  "estate.trial_state": "A trial with a state other than active (R-TRI-2).",
  "estate.duplicate_trial": "A second trial of one offer for one customer (R-TRI-5).",
  "estate.trial_with_paid": "A trial of an offer the customer also buys paid (R-TRI-5).",
  "estate.upn_domain_mismatch": "A user's UPN is not in the customer's domain.",
  "estate.usage_location_required": "A user with licences but no usageLocation (R-LIC-1).",
  "estate.license_target": "A licence names neither or both of subscription and sku.",
  "estate.unknown_subscription": "A licence refers to a subscription the customer does not have.",
  "estate.unknown_sku": "Warning: a sku: licence that is not in the catalog (it may be bought elsewhere).",
  "estate.unknown_service_plan": "A disabled plan that is not a service plan of the licence's SKU.",
  "estate.over_assigned": "More users are assigned a subscription than it has seats.",
  // --- plan, apply and their CLI commands (reconciler/plan, reconciler/apply, cli/) ---
  "plan.ambiguous_match":
    "Several Partner Center objects match one declared object; the error names them (never a guess).",
  "plan.fingerprint_scope_missing":
    "A library caller gave fingerprintActual no scope: the declared customers it covers (customersChangedBy for a plan).",
  "plan.customer_declared_twice":
    "Two declared customers are one Partner Center customer (one linked by tenant id, the other matched by domain); the error names both.",
  "plan.decrease_outside_window": "Blocked step: a seat decrease beyond Partner Center's refundableQuantity (R-QTY-3).",
  "plan.decrease_below_assigned":
    "Blocked step: a decrease or cancellation would leave fewer seats than stay assigned.",
  "plan.cancel_outside_window": "Blocked step: cancellation after cancellationAllowedUntilDate (R-CAN-1).",
  "plan.subscription_ended": "Blocked step: an expired or disabled subscription cannot be reactivated (R-SUS-5).",
  "plan.renewal_needs_auto_renew":
    "Blocked step: scheduled changes need an active subscription with auto-renew on (R-REN-3).",
  "plan.insufficient_licenses": "Blocked step: an assignment beyond the seats the SKU will have (R-LIC-2).",
  "plan.usage_location_missing": "Blocked step: a licence for a user without usageLocation (R-LIC-1).",
  "plan.dependency_blocked": "Blocked step: a step it depends on is blocked.",
  "plan.license_sku_unknown":
    "Warning: a declared licence's SKU is not in the embedded catalog, so its assignment is not planned.",
  "plan.qualification_not_settable": "Warning: a qualification partners cannot set (nonprofit, R-CUS-1).",
  "plan.stale":
    "A saved plan, or a plan confirmed at the prompt, was made from a Partner Center state that has changed since; plan again.",
  "plan.estate_changed": "The estate changed since the saved plan was made; plan again.",
  "plan.unreadable":
    "The --plan file is not a plan of this format version, or was saved by an earlier cspctl; plan again.",
  "apply.partial": "Some steps failed; the report lists what applied, failed and never started.",
  "apply.missing_dependency": "A step ran before the object it needs existed (its creating step failed).",
  "apply.plan_mismatch": "The plan names an object the estate no longer declares.",
  "apply.purchase_incomplete": "An order completed without a subscription id.",
  "apply.no_availability": "No catalog availability offers the declared term.",
  "apply.password_unavailable": "A user's password variable is not set at apply time.",
  "apply.credentials_file_mode":
    "The --credentials-out file exists and can be read by other users; it must be mode 0600.",
  "apply.step_failed": "A step failed with an unexpected error.",
  "apply.credentials_out_required":
    "The plan generates passwords or admin credentials and apply was run without --credentials-out.",
  "apply.invitation_log_unreadable":
    "The file where cspctl records the reseller invitations it showed is not readable.",
  "apply.readback_mismatch": "A write was accepted but reading the object back shows a different value.",
  "plan.unknown_state":
    "Part of the estate could not be read from Partner Center; plan/apply exit 1 unless --allow-unknown.",
  "plan.domain_taken":
    "Blocked step: a new tenant's initial domain is already taken by another tenant (Partner Center's domain check).",
  "plan.password_policy": "Blocked step: a password read from ${env:} does not meet Entra's password policy (R-USR-1).",
  "plan.domain_not_verified": "Blocked step: a user's domain is not verified in the customer's tenant (Graph domains).",
  "plan.trial_not_available": "Blocked step: a trial of an offer the customer already had on trial or owns (R-TRI-5).",
  "plan.trial_locked": "Blocked step: a trial's status or seats changed during the trial (R-TRI-2).",
  "plan.seat_cap_exceeded":
    "Blocked step: more than 300 seats of one offer for one customer across subscriptions (R-LIM-1).",
  "cli.confirmation_required": "apply needs --yes when there is no terminal to confirm in.",
  "cli.cancelled": "The user declined the confirmation; nothing was changed.",
  "cli.usage": "The command line is wrong (unknown option, missing argument).",
  "cli.internal_error": "cspctl itself failed unexpectedly; the message says where (please report it).",
  "cli.emulator_clock":
    "The embedded emulator did not answer its clock request; the emulator may not have started cleanly.",
  // --- emulator transport (server, persistence) ---
  "emulator.state_unreadable":
    "The emulator's --emulator-dir state file is not valid JSON or has another format version, or its journal is damaged (an unreadable line followed by readable ones).",
  // --- provider (Pulumi dynamic resources) ---
  "provider.invalid_inputs":
    "A Pulumi resource's inputs do not pass the estate schema and rules; the message lists every problem.",
  "provider.read_failed": "Partner Center could not be read for the resource's customer; nothing was changed.",
  "provider.customer_missing":
    "A subscription, user or licence resource ran before its customer existed in Partner Center.",
  "provider.destructive_refused":
    "A destructive step of a protected customer needs the stack config cspctl:allowDestructive.",
  "provider.not_converged": "After apply, the resource's object is still not in Partner Center as declared.",
  "provider.identity_changed": "The resource now matches another Partner Center object than the one in Pulumi's state.",
  "apply.duplicate_purchase":
    "After a purchase, the customer holds more new subscriptions of the offer than the plan bought; the next plan proposes cancelling the newer one.",
  // --- appended by the emulator wire-fidelity work ---
  "estate.tenant_level_plan":
    "A disabled plan that applies to the whole tenant (Graph appliesTo Company), which cannot be disabled for one user.",
  // --- lock (reconciler/lock: the estate lock held by apply; docs/locking.md) ---
  "lock.held":
    "Another run holds the lock of a customer this apply writes (after --lock-timeout, if given); the message names the holder: who, host, pid, run id, since when, which customers, lock id.",
  "lock.lost":
    "A customer lock was broken (force-unlock) or its lease could not be renewed while apply held it; no further step was started.",
  "lock.not_found": "cspctl force-unlock ID: no lock with that id exists in the chosen backend.",
  "lock.config_missing":
    "--lock azure-blob lacks a setting: the container, the account URL or a credential (connection string or SAS).",
  "lock.config_invalid":
    "A lock setting is not valid: --lock kind, --lock-timeout duration, account URL, connection string, lease seconds.",
  "lock.backend_failed":
    "The lock store could not be used: the state directory is not writable, or the storage account refused or failed the request.",
  // --- apply: exit codes and credentials (issue #16 items 4 and 5) ---
  "apply.user_exists":
    "create-user answered 409: the user was created by someone else since the plan; its generated password was never set (marked superseded in --credentials-out).",
  "estate.env_credential":
    "A ${env:NAME} reference names one of cspctl's credential variables, or a variable holding the same value.",
  "plan.unsaveable_sensitive_value":
    "A value read from the environment cannot be saved as its reference in a --out plan (it adjoins a literal ${).",
  // --- wire fidelity (issue #21) ---
  "plan.suspended_by_microsoft":
    "Blocked step: Microsoft suspended the subscription (credit check, fraud, …); only Microsoft can lift it.",
  // --- billing (issue #18 items 1, 2 and 5) ---
  "client.billing_export_failed":
    "Microsoft Graph's billing reconciliation export failed, did not finish in time, or a blob of it could not be read.",
  // --- money: price lists, spend approval (issue #18 items 3 and 4) ---
  "estate.unknown_price_list": "pricing.priceList names a PriceList document the estate does not define.",
  "estate.price_rule_invalid": "A price rule has both or neither of markup and price.",
  "estate.duplicate_price": "One price list (or one customer's prices) prices the same offer, term and billing twice.",
  "estate.currency_mismatch": "A customer's currency differs from the currency of its price list's fixed prices.",
  "provider.spend_not_approved":
    "A resource's step goes over a policy.approval spend threshold and cspctl:approveSpend (CSPCTL_APPROVE_SPEND) does not cover it.",
  "client.price_sheet_unavailable": "The market's price sheet could not be read; the plan shows seats without money.",
  // --- promotions (issue #19 item 3) ---
  "estate.promotion_on_trial": "promotion: on a trial subscription (trials are free).",
  "plan.promotion_ineligible":
    "Blocked step: the customer is not eligible for the subscription's promotion (Microsoft's reason: seat count, term, first purchase, …).",
  // --- GDAP and application consent (issue #19 items 1 and 2) ---
  "estate.unknown_gdap_role": "access.gdap names a role that is not a Microsoft Entra built-in role.",
  "estate.gdap_duration_out_of_range": "access.gdap.duration is outside P1D–P730D.",
  "estate.gdap_global_admin_auto_extend":
    "access.gdap asks for Global Administrator with autoExtend (Microsoft refuses it).",
  "estate.duplicate_gdap_group": "Two access.gdap.accessAssignments name the same security group.",
  "estate.gdap_role_not_in_relationship": "An access assignment role is not one of access.gdap.roles.",
  "estate.duplicate_consent": "Two access.consents name the same application.",
  // --- audit log and customer views (issue #20) ---
  "drift.audit_unavailable":
    "Warning: a customer's activity log could not be read, so its drift findings name no author (the drift verdict is unaffected).",
  // --- tooling (issue #22) ---
  "plan.blocked": "A planned step is blocked by a plan rule that gave no code of its own; the message names the step.",
  // --- GDAP and consent in plans (issue #19 items 1 and 2) ---
  "plan.gdap_roles_immutable":
    "Blocked step: an active GDAP relationship's roles cannot change; a new relationship is needed.",
  "plan.gdap_role_missing":
    "Blocked step: no active GDAP relationship grants a role that allows this user, licence or consent step.",
  // --- application consent in plans (issue #19 item 2) ---
  "apply.consent_log_unreadable":
    "The state directory's consents.json (what cspctl granted) is not a cspctl consent log.",
  "plan.consent_other_application":
    "Blocked step: access.consents names an application other than the one cspctl signs in as; Partner Center grants consent only to the calling application.",
  // --- incremental reads (issue #23) ---
  "graph.delta_expired":
    "Microsoft Graph no longer has a tenant's users/delta round (expired after seven days, reset, or a saved link not on the Graph host): read the users in full.",
  // --- snapshot and incremental reads (issue #23) ---
  "snapshot.unreadable": "Warning: the snapshot file could not be read; every customer is read in full.",
  "snapshot.corrupt":
    "Warning: the snapshot file is not valid JSON or does not match its fingerprint; every customer is read in full.",
  "snapshot.unsupported_format":
    "Warning: the snapshot file is not a cspctl snapshot of the format this version reads; every customer is read in full.",
  "snapshot.other_partner":
    "Warning: the snapshot file was read from another partner tenant; every customer is read in full.",
  "snapshot.activity_log_uncertain":
    "Warning: the activity log could not be read, or has a record that names no customer; every customer is read in full.",
  "snapshot.write_failed": "Warning: the snapshot could not be written; the next run reads every customer in full.",
} as const satisfies Record<string, string>;

/** A registered error code: an unregistered one is a compile error wherever an error is built. */
export type ErrorCode = keyof typeof errorCodes;
