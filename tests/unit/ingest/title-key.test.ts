import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normalizeTitleKey, slugForTitle } from "../../../lib/ingest/title-key";

const slug = (title: string) => slugForTitle(title, normalizeTitleKey(title));

describe("title keys", () => {
  it("ignore case, spacing and punctuation", () => {
    const key = normalizeTitleKey("Uni-MoE: Scaling Unified Multimodal LLMs");
    expect(key).toBe("uni moe scaling unified multimodal llms");
    expect(normalizeTitleKey("  uni moe —  SCALING unified, multimodal LLMs?! ")).toBe(key);
  });

  it("ignore the Unicode form: NFC, NFD and full-width letters give one key", () => {
    const nfc = "Caf\u00e9 M\u00fcller";
    const nfd = nfc.normalize("NFD");
    expect(normalizeTitleKey(nfd)).toBe(normalizeTitleKey(nfc));
    expect(normalizeTitleKey("\uFF2C\uFF2C\uFF2D Bench")).toBe(normalizeTitleKey("LLM bench"));
  });

  it("keep letters and digits of any script", () => {
    expect(normalizeTitleKey("多模态 大模型 2")).toBe("多模态 大模型 2");
  });
});

describe("slugs", () => {
  it("are lowercase ASCII words joined by dashes plus a hash of the title key", () => {
    const title = "Uni-MoE: Scaling Unified Multimodal LLMs";
    const hash = createHash("sha256").update(normalizeTitleKey(title)).digest("hex").slice(0, 6);
    expect(slug(title)).toBe(`uni-moe-scaling-unified-multimodal-llms-${hash}`);
  });

  it("strip diacritics", () => {
    expect(slug("Café Straße Ærø")).toMatch(/^cafe-strasse-aero-[0-9a-f]{6}$/);
  });

  it("spell Greek letters by name, so a title starting with one keeps its first word", () => {
    expect(slug("π0: A Vision-Language-Action Flow Model for General Robot Control")).toMatch(
      /^pi0-a-vision-language-action-flow-model-for-general-robot-control-[0-9a-f]{6}$/,
    );
    expect(slug("β-VAE and Σ-Δ Modulation")).toMatch(/^beta-vae-and-sigma-delta-modulation-[0-9a-f]{6}$/);
    // Variant and mathematical forms and accented Greek fold like the plain letters.
    expect(slug("ϵ-Greedy 𝜋-Nets ά")).toMatch(/^epsilon-greedy-pi-nets-alpha-[0-9a-f]{6}$/);
  });

  it("stay stable when only case or punctuation differ", () => {
    expect(slug("LLaVA-KD: A Framework")).toBe(slug("llava kd — a framework"));
  });

  it("are cut at a word boundary near 80 characters", () => {
    const title = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const result = slug(title);
    const words = result.slice(0, -7);
    expect(words.length).toBeLessThanOrEqual(80);
    expect(words.endsWith("-")).toBe(false);
    expect(title.replaceAll(" ", "-").startsWith(words + "-")).toBe(true);
  });

  it("exist for a title with no ASCII letters", () => {
    expect(slug("多模态大模型")).toMatch(/^paper-[0-9a-f]{6}$/);
  });
});
