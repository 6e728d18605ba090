// The few control-API calls the narrated demo makes (clock, seed, invitations), over HTTPS trusting its CA.
import { readFileSync } from "node:fs";
import { Agent, request } from "undici";

export interface EmulatorHandle {
  controlUrl: string;
  adminKey: string;
  caFile: string;
}

async function control(
  emulator: EmulatorHandle,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(emulator.caFile, "utf8") } });
  try {
    const response = await request(`${emulator.controlUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", "x-emulator-key": emulator.adminKey },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      dispatcher,
    });
    const answer = (await response.body.json()) as Record<string, unknown>;
    if (response.statusCode !== 200)
      throw new Error(`the emulator refused ${method} ${path} (${response.statusCode}): ${JSON.stringify(answer)}`);
    return answer;
  } finally {
    await dispatcher.close();
  }
}

export async function advanceEmulatorClock(emulator: EmulatorHandle, duration: string): Promise<string> {
  return String((await control(emulator, "POST", "/clock", { advance: duration })).now ?? "");
}

export async function emulatorNow(emulator: EmulatorHandle): Promise<Date> {
  return new Date(String((await control(emulator, "GET", "/clock")).now));
}

export async function seedEmulator(emulator: EmulatorHandle, seed: unknown): Promise<void> {
  await control(emulator, "POST", "/seed", seed);
}

/** Plays the customer's global admin accepting the reseller invitation behind `invitationUrl`. */
export async function acceptInvitation(
  emulator: EmulatorHandle,
  invitationUrl: string,
  tenantId: string,
): Promise<void> {
  const invitationId = new URL(invitationUrl).searchParams.get("invitationId");
  if (invitationId === null) throw new Error(`no invitationId in ${invitationUrl}`);
  await control(emulator, "POST", `/invitations/${encodeURIComponent(invitationId)}/accept`, { tenantId });
}
