import { withRetries, type Answer, type PilotClient } from "./client";
import type { Account } from "./people";

/** POST /api/auth/login as the app's script does it (JSON, same origin); the cookie stays on the client. */
export async function logIn(client: PilotClient, account: Account, action = "log in"): Promise<Answer> {
  const answer = await withRetries(() =>
    client.json(action, "POST", "/api/auth/login", account, { origin: client.origin }),
  );
  if (answer.status !== 200)
    throw new Error(`${client.name} could not log in: ${answer.status} ${answer.text.slice(0, 200)}`);
  return answer;
}
