import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { assignCourier, DEMO_KEY, DEMO_PHONE, registerFor, setStatus } from "./support/recipient-data";

// Two browsers, two logins and polling on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const RECIPIENT = { identifier: DEMO_PHONE, password: "recipient1234!" };
const COURIER = { identifier: "courier@exqress.local", password: "courier1234!" };

/** What each side reads, in the language the browser asks for. */
const LANGUAGES = [
  {
    locale: "ko-KR",
    messageBox: "메시지",
    send: "보내기",
    messages: /^메시지/,
    unread: "읽지 않은 메시지 2개",
    unreadOne: "읽지 않은 메시지 1개",
    threadTitle: "수취인과의 메시지",
    recipient: "수취인",
    me: "나",
    reply: "답장",
    gone: "이 대화를 볼 수 없어요",
    ownerClosed: "배송이 끝나 대화가 닫혔어요.",
    offline: "오프라인이라 아무것도 보내지 않았어요.",
  },
  {
    locale: "en-US",
    messageBox: "Message",
    send: "Send",
    messages: /^Messages/,
    unread: "2 unread messages",
    unreadOne: "1 unread message",
    threadTitle: "Messages with the recipient",
    recipient: "Recipient",
    me: "Me",
    reply: "Reply",
    gone: "This conversation is not yours to see",
    ownerClosed: "The delivery has ended, so the conversation is closed.",
    offline: "You are offline: nothing was sent.",
  },
];

/** A phone-sized browser in `locale`, signed in through the login API (the form's labels are another test's). */
async function signedIn(browser: Browser, locale: string, who: typeof COURIER, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, baseURL });
  const login = await context.request.post("/api/auth/login", { headers: { origin: baseURL }, data: who });
  expect(login.status()).toBe(200);
  return context.newPage();
}

async function shoot(page: Page, name: string) {
  const file = test.info().outputPath(`${name}-390x844.png`);
  await page.screenshot({ path: file, fullPage: true });
  await test.info().attach(name, { path: file, contentType: "image/png" });
}

for (const words of LANGUAGES) {
  test(`recipient and courier talk through the courier's screen (${words.locale})`, async ({
    browser,
    request,
    baseURL,
  }) => {
    const tag = `${words.locale}-${Date.now().toString(36)}`;
    const code = await registerFor(request, DEMO_KEY, DEMO_PHONE, `Lamp ${tag}`);
    await setStatus(request, DEMO_KEY, code, "picked_up");
    await assignCourier(code, COURIER.identifier);

    // The recipient writes twice from their parcel page.
    const owner = await signedIn(browser, words.locale, RECIPIENT, baseURL!);
    await owner.goto(`/p/${code}`);
    for (const line of [`Guard office please ${tag}`, `Door code 1234 ${tag}`]) {
      await owner.getByRole("textbox", { name: words.messageBox }).fill(line);
      await owner.getByRole("button", { name: words.send }).click();
      await expect(owner.getByText(line)).toBeVisible();
    }
    // Off the parcel page (which reads the thread as it polls) to the list, which only counts.
    await owner.goto("/parcels");

    // The courier sees two unread on the card, opens the thread, and the count goes.
    const courier = await signedIn(browser, words.locale, COURIER, baseURL!);
    await courier.goto("/courier");
    const card = courier.locator(`section[aria-labelledby^="group-"] li[data-code="${code}"]`);
    await expect(card.getByRole("img", { name: words.unread })).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await shoot(courier, `courier-badge-${words.locale}`);
    await card.getByRole("button", { name: words.messages }).click();
    const thread = card.getByRole("region", { name: words.threadTitle });
    await expect(thread.getByText(`Door code 1234 ${tag}`)).toBeVisible();
    await expect(thread.locator("li").first()).toContainText(words.recipient);
    await expect(card.getByRole("img", { name: words.unread })).toHaveCount(0);

    const answer = `On my way ${tag}`;
    await thread.getByRole("textbox", { name: words.reply }).fill(answer);
    await thread.getByRole("button", { name: words.send }).click();
    await expect(thread.locator('li[data-mine="true"]')).toContainText(words.me);
    await expect(thread.locator('li[data-mine="true"]')).toContainText(answer);
    await shoot(courier, `courier-thread-${words.locale}`);

    // Offline, a reply is not queued: the screen says nothing was sent and keeps the text.
    await courier.context().setOffline(true);
    await thread.getByRole("textbox", { name: words.reply }).fill(`Offline ${tag}`);
    await thread.getByRole("button", { name: words.send }).click();
    await expect(thread.getByRole("alert").filter({ hasText: words.offline })).toBeVisible();
    await expect(thread.getByRole("textbox", { name: words.reply })).toHaveValue(`Offline ${tag}`);
    await courier.context().setOffline(false);

    // The recipient's list, polling, counts the reply; their parcel page shows it and the count goes.
    const row = owner.locator(`li[data-code="${code}"]`);
    await expect(row.getByRole("img", { name: words.unreadOne })).toBeVisible();
    await shoot(owner, `recipient-list-${words.locale}`);
    await row.getByRole("link").click();
    await expect(owner.getByText(answer)).toBeVisible();
    await owner.goBack();
    await expect(row).toBeVisible();
    await expect(row.getByRole("img", { name: words.unreadOne })).toHaveCount(0);
    await owner.goto(`/p/${code}`);

    // The delivery ends meanwhile (returned to the sender): the courier's next reply is refused, and
    // the screen says so.
    await setStatus(request, DEMO_KEY, code, "returned");
    await thread.getByRole("textbox", { name: words.reply }).fill("One more thing");
    await thread.getByRole("button", { name: words.send }).click();
    await expect(thread.getByRole("alert").filter({ hasText: words.gone }).first()).toBeVisible();
    await expect(owner.getByText(words.ownerClosed)).toBeVisible();
    await Promise.all([owner, courier].map((page) => page.context().close()));
  });
}
