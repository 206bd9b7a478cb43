// The look every PaperPulse email shares. No images or page colours: dark-mode clients recolour
// text and page freely, so only the button carries its own colours (white on a blue dark enough for both modes).
export const page = {
  fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  margin: 0,
  padding: "24px 0",
};
export const container = { maxWidth: "480px", margin: "0 auto", padding: "0 20px" };
export const heading = { fontSize: "22px", fontWeight: 600, margin: "0 0 16px" };
export const paragraph = { fontSize: "16px", lineHeight: "24px", margin: "0 0 16px" };
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
export const link = { color: "#2563eb", wordBreak: "break-all" as const };
