import { COURIER_PATH, type PushNotice } from "@/lib/core/push-notice";

/**
 * A push's title and body, worded by the service worker in the reader's language (Korean
 * first): the push carries only codes (lib/core/push-notice.ts), never text a person wrote.
 */
type Text = { title: string; body: string };
type Words = {
  status: Record<"out_for_delivery" | "delivered" | "failed_attempt", (tail: string) => Text>;
  message: (tail: string, toCourier: boolean) => Text;
  assigned: (tail: string, count: number) => Text;
};

const WORDS: Record<"ko" | "en", Words> = {
  ko: {
    status: {
      out_for_delivery: (tail) => ({ title: "배송 출발", body: `택배(…${tail})가 오늘 배송을 시작했어요.` }),
      delivered: (tail) => ({ title: "배송 완료", body: `택배(…${tail})가 배송되었어요.` }),
      failed_attempt: (tail) => ({
        title: "배송 실패",
        body: `택배(…${tail})를 전달하지 못했어요. 눌러서 사유를 확인하세요.`,
      }),
    },
    message: (tail, toCourier) => ({
      title: "새 메시지",
      body: `${toCourier ? "받는 분이" : "배송기사가"} 택배(…${tail})에 대해 메시지를 보냈어요.`,
    }),
    assigned: (tail, count) => ({
      title: "새 배송 배정",
      body: count > 1 ? `새 배송 ${count}건이 배정되었어요.` : `택배(…${tail})가 배정되었어요.`,
    }),
  },
  en: {
    status: {
      out_for_delivery: (tail) => ({ title: "Out for delivery", body: `Parcel …${tail} is out for delivery today.` }),
      delivered: (tail) => ({ title: "Delivered", body: `Parcel …${tail} has been delivered.` }),
      failed_attempt: (tail) => ({
        title: "Delivery attempt failed",
        body: `Parcel …${tail} could not be delivered. Tap to see why.`,
      }),
    },
    message: (tail, toCourier) => ({
      title: "New message",
      body: `${toCourier ? "The recipient" : "Your courier"} sent a message about parcel …${tail}.`,
    }),
    assigned: (tail, count) => ({
      title: "New delivery",
      body: count > 1 ? `${count} new deliveries were assigned to you.` : `Parcel …${tail} was assigned to you.`,
    }),
  },
};

export function pushNoticeText(notice: PushNotice, lang: "ko" | "en"): Text {
  const words = WORDS[lang];
  switch (notice.kind) {
    case "status":
      return words.status[notice.status](notice.codeTail);
    case "message":
      return words.message(notice.codeTail, notice.path === COURIER_PATH);
    case "assigned":
      return words.assigned(notice.codeTail, notice.count);
  }
}
