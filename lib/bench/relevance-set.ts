// The relevance set: queries on the sample digest (prisma/seed/sample-digest-2025-04-30.txt) with the
// papers a reader would accept as answers, judged by reading the papers' titles and abstracts. Two
// kinds: "own" uses the paper's own words, "descriptive" says what the reader wants in other words.
// Answers are the start of a title (unique in the sample). npm run bench:relevance measures with it.

export type RelevanceKind = "own" | "descriptive";
export type Judged = { q: string; kind: RelevanceKind; answers: string[] };

const own = (q: string, ...answers: string[]): Judged => ({ q, kind: "own", answers });
const descriptive = (q: string, ...answers: string[]): Judged => ({ q, kind: "descriptive", answers });

export const RELEVANCE_SET: Judged[] = [
  own("mixture of experts", "Uni-MoE:", "Towards a Multimodal Large Language Model with Pixel-Level Insight"),
  own("remote sensing", "GeoPix:"),
  own(
    "collaborative filtering sequential recommendation",
    "Molar:",
    "Harnessing Multimodal Large Language Models for Multimodal Sequential",
  ),
  own("foresight minds", "Merlin:"),
  own("embodied agents benchmark", "EmbodiedEval:"),
  own("audio-visual speech recognition", "Large Language Models Are Strong Audio-Visual"),
  own("multi-context visual grounding", "MC-Bench:"),
  own("needle in a haystack long context", "Multimodal Needle in a Haystack"),
  own("chart reasoning benchmark", "ChartBench:", "SEED-Bench-2-Plus:"),
  own("low-level vision", "Q-Bench:", "A Benchmark for Multi-modal Foundation Models on Low-level Vision"),
  own("radiology report generation", "Libra:"),
  own("multi-turn text-to-image generation", "DialogGen:"),
  own("GUI agent computer control", "Ponder & Press:", "V-Zen:"),
  own("mamba", "ML-Mamba:"),
  own("distilling multimodal large language models", "LLaVA-KD:"),
  own("multilingual survey", "Multilingual Large Language Models: A Systematic Survey"),
  own("token compression high-resolution", "Compression with Global Guidance", "TokenPacker:"),
  own("multi-modal in-context learning", "MMICL:", "AIM:"),
  own("retrieval-augmented generation reranking", "MLLM Is a Strong Reranker"),
  own("modality bias video question answering", "Assessing Modality Bias"),
  own("interleaved image-text dataset", "CoMM:", "mOSCAR:"),
  own("text-only forgetting", "Wings:"),
  own("leading questions robustness", "Seeing Clearly, Answering Incorrectly"),
  own("visual projector", "TokenPacker:"),
  own("blind preference optimization harmless", "Towards Harmless Multimodal Assistants"),

  descriptive("a model that answers questions about satellite photos", "GeoPix:"),
  descriptive("generating pictures during a conversation", "DialogGen:"),
  descriptive("running a vision chatbot on a phone", "MiniCPM-V:"),
  descriptive("can AI read chest x-rays taken over time", "Libra:"),
  descriptive("can I trust an AI doctor", "MediConfusion:"),
  descriptive("lip reading with language models", "Large Language Models Are Strong Audio-Visual"),
  descriptive("controlling a computer by looking at the screen", "Ponder & Press:", "V-Zen:"),
  descriptive(
    "shopping suggestions from product pictures and descriptions",
    "Molar:",
    "Harnessing Multimodal Large Language Models for Multimodal Sequential",
    "NoteLLM-2:",
  ),
  descriptive("teaching a small model to copy a big one", "LLaVA-KD:"),
  descriptive("does the model notice tiny things in a picture", "MLLMs Know Where to Look"),
  descriptive("test how well models understand long films", "Video-MME:", "MMWorld:"),
  descriptive("one model that takes sound, pictures and video and talks back", "M2-omni:", "VITA:"),
  descriptive("a cheaper alternative to transformers for vision and language", "ML-Mamba:"),
  descriptive("guessing what will happen next from what the model sees", "Merlin:"),
  descriptive("using a multimodal model to grade answers", "MLLM-as-a-Judge:", "Judge Anything:"),
  descriptive("stopping assistants from giving harmful answers about images", "Towards Harmless Multimodal Assistants"),
  descriptive("understanding graphs and plots", "ChartBench:", "SEED-Bench-2-Plus:"),
  descriptive("solving math problems with diagrams", "Math-PUMA:"),
  descriptive(
    "locating objects in 3d space from pictures",
    "3DAxisPrompt:",
    "Language-Image Models with 3D Understanding",
  ),
  descriptive("models forget how to chat with plain text after training on images", "Wings:"),
  descriptive(
    "explaining which region of a medical scan in two languages",
    "Interpretable Bilingual Multimodal Large Language Model",
  ),
  descriptive("speeding up models on big sharp photos", "Compression with Global Guidance", "TokenPacker:"),
  descriptive("web pages where text and pictures are mixed, in many languages", "mOSCAR:"),
  descriptive(
    "rating the quality of blurry or badly lit photos",
    "Q-Bench:",
    "A Benchmark for Multi-modal Foundation Models on Low-level Vision",
  ),
  descriptive("which image encoder works best inside a multimodal model", "From CLIP to DINO:", "LLaVA-MORE:"),
];
