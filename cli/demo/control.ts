// The few control-API calls the narrated demo makes (the emulator's clock), over HTTPS trusting its CA.
import { readFileSync } from "node:fs";
import { Agent, request } from "undici";

export async function advanceEmulatorClock(emulator: { controlUrl: string; adminKey: string; caFile: string }, duration: string): Promise<string> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(emulator.caFile, "utf8") } });
  try {
    const response = await request(`${emulator.controlUrl}/clock`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-emulator-key": emulator.adminKey },
      body: JSON.stringify({ advance: duration }),
      dispatcher,
    });
    const body = (await response.body.json()) as { now?: string };
    if (response.statusCode !== 200) throw new Error(`the emulator refused to advance its clock (${response.statusCode})`);
    return body.now ?? "";
  } finally {
    await dispatcher.close();
  }
}
