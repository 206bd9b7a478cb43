import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDigestText } from "../../../lib/ingest/parse";

const samplePath = fileURLToPath(new URL("../../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));

describe("the seed sample digest", () => {
  it("parses to 94 papers dated 2025-04-30 with 51 links and no problems", async () => {
    const result = await parseDigestText(readFileSync(samplePath), { today: "2025-05-01" });
    expect(result.digestDate).toBe("2025-04-30");
    expect(result.problems).toEqual([]);
    expect(result.papers).toHaveLength(94);
    expect(result.papers.reduce((n, p) => n + p.links.length, 0)).toBe(51);
    const [first] = result.papers;
    expect(first!.title).toBe("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    expect(first!.links).toEqual([
      { url: "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs", kind: "CODE" },
    ]);
  });

  it("gives every paper a distinct slug", async () => {
    const result = await parseDigestText(readFileSync(samplePath), { today: "2025-05-01" });
    expect(new Set(result.papers.map((p) => p.slug)).size).toBe(94);
  });
});
