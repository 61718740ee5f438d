import type { MetadataRoute } from "next";
import messages from "@/lib/i18n/messages/ko.json";

/**
 * The web app manifest (served at /manifest.webmanifest). One manifest for everyone, in Korean,
 * the default language: it is fetched without the visitor's language cookie, and the installed
 * app then follows the browser's language like the website does.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: messages.meta.title,
    short_name: "EXQRESS",
    description: messages.meta.description,
    lang: "ko",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: "#0b3d2e",
    background_color: "#ffffff",
    categories: ["productivity", "utilities"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [{ name: messages.scan.title, url: "/scan", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] }],
  };
}
