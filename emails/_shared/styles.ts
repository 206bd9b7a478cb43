// The look every PaperPulse email shares. No page colours: dark-mode clients recolour text and page freely.
// The few colours set inline read on both white and near-black (#121212), about 4.3:1 either way (no one
// colour does better on both); clients that honour prefers-color-scheme get a darker or lighter shade
// from COLOUR_SCHEME_CSS instead. The button and the brand mark carry their own background.
export const page = {
  fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  margin: 0,
  padding: "24px 0",
};
export const container = { maxWidth: "480px", margin: "0 auto", padding: "0 20px" };
export const heading = { fontSize: "22px", fontWeight: 600, margin: "0 0 16px" };
export const paragraph = { fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" };
/** The brand blue of app/icon.svg: white on it is 5.9:1. */
export const BRAND_BLUE = "#0369a1";
export const button = {
  backgroundColor: "#1d4ed8",
  borderRadius: "6px",
  color: "#ffffff",
  fontSize: "16px",
  fontWeight: 600,
  padding: "12px 20px",
  textDecoration: "none",
  display: "inline-block",
};
export const small = { fontSize: "14px", lineHeight: "20px", margin: "0 0 12px" };
/** Links: 4.3:1 on white, 4.3:1 on #121212. */
export const LINK_COLOUR = "#3a7cc4";
/** Secondary lines (why a paper is in the digest): 4.5:1 on white, 4.1:1 on #121212. */
export const MUTED_COLOUR = "#767676";
export const link = { color: LINK_COLOUR, wordBreak: "break-all" as const };

/** Class names COLOUR_SCHEME_CSS recolours. */
export const LINK_CLASS = "pp-link";
export const MUTED_CLASS = "pp-muted";

/**
 * In a <style> in the head (Apple Mail, iOS Mail, Outlook for Mac and others read it; Gmail drops it and
 * keeps the inline colours): darker shades on light pages (sky-700, 5.9:1 on white), lighter ones on
 * dark pages (sky-300, 11:1 on #121212). A constant: nothing from a digest ever goes in here.
 */
export const COLOUR_SCHEME_CSS = [
  ":root { color-scheme: light dark; supported-color-schemes: light dark; }",
  `@media (prefers-color-scheme: light) { .${LINK_CLASS} { color: #0369a1 !important; } .${MUTED_CLASS} { color: #52525b !important; } }`,
  `@media (prefers-color-scheme: dark) { .${LINK_CLASS} { color: #7dd3fc !important; } .${MUTED_CLASS} { color: #a1a1aa !important; } }`,
].join("\n");
