// The field's vocabulary for search: acronyms with their expansions and everyday words with the
// technical ones, as data. Search expands a query's words with their set (lower weight than the words
// typed, see query-words.ts) inside the tsquery it sends, so the GIN index still answers the query.
// Why not a PostgreSQL thesaurus dictionary: it needs files in the server's share directory (not
// possible on a managed PostgreSQL) and changing it would mean rebuilding every search_vector.
//
// Each set is a group of terms a reader may use for one idea; a term is one or more words, matched
// in the query by a rough stem ("photos" and "photo", "cheaper" and "cheap", "teaching" and "teach"
// match). A term in two sets expands to both. Add a set or a term, then bump THESAURUS_VERSION (tests check the data's shape).

export const THESAURUS_VERSION = 1;

export const THESAURUS: readonly (readonly string[])[] = [
  // Acronyms and their expansions.
  ["mllm", "multimodal large language model", "multimodal llm", "multi-modal large language model"],
  ["vlm", "vision language model", "visual language model"],
  ["llm", "large language model", "language model"],
  ["moe", "mixture of experts", "experts"],
  ["rag", "retrieval augmented generation", "retrieval"],
  ["vqa", "visual question answering", "question answering"],
  ["ocr", "optical character recognition", "text-rich", "text recognition", "document"],
  ["gui", "graphical user interface", "user interface", "screen", "computer control"],
  ["rlhf", "reinforcement learning from human feedback", "human feedback", "human preference"],
  ["dpo", "direct preference optimization", "preference optimization"],
  ["icl", "in-context learning", "few-shot"],
  ["asr", "speech recognition", "automatic speech recognition"],
  ["agi", "artificial general intelligence"],
  ["kd", "knowledge distillation", "distillation", "distilling"],
  ["lora", "low-rank adaptation"],
  ["rs", "remote sensing"],
  ["t2i", "text-to-image"],
  ["sft", "supervised fine-tuning", "instruction tuning", "fine-tuning"],
  ["cot", "chain of thought"],
  // Everyday words for technical ones.
  ["phone", "mobile", "on-device", "edge", "end-side", "device", "smartphone"],
  ["satellite", "remote sensing", "aerial", "earth observation", "geospatial"],
  ["x-ray", "xray", "radiology", "radiologist", "medical imaging", "chest"],
  ["doctor", "clinical", "clinician", "medical", "physician", "healthcare"],
  ["medicine", "medical", "biomedical", "biomedicine", "healthcare"],
  ["picture", "image", "photo", "photograph", "visual"],
  ["film", "video", "movie", "clip"],
  ["conversation", "dialogue", "dialog", "chat", "multi-turn"],
  ["talk", "speech", "audio", "spoken", "voice"],
  ["sound", "audio"],
  ["lip reading", "visual speech recognition", "lip movement"],
  ["draw", "generate", "generation", "synthesis"],
  ["chart", "plot", "graph", "diagram"],
  ["math", "mathematical", "mathematics"],
  ["robot", "embodied", "agent"],
  ["shopping", "recommendation", "recommender"],
  ["recommend", "recommendation"],
  ["test", "benchmark", "evaluation", "evaluate"],
  ["exam", "benchmark", "evaluation"],
  ["judge", "evaluator", "grade", "scoring", "assessment"],
  ["cheap", "efficient", "efficiency", "low-cost", "overhead"],
  ["fast", "efficient", "acceleration", "speed"],
  ["small", "lightweight", "compact", "efficient"],
  ["tiny", "small", "fine-grained", "detail"],
  ["big", "large", "large-scale"],
  ["safe", "safety", "harmless"],
  ["safety", "harmless", "safe"],
  ["translation", "multilingual"],
  ["many languages", "multilingual", "cross-lingual", "bilingual"],
  ["two languages", "bilingual"],
  ["mixed", "interleaved"],
  ["guess", "predict", "prediction", "forecast", "anticipate", "foresee", "future"],
  ["teacher", "distillation", "knowledge distillation", "student model"],
  ["look", "see", "perceive", "perception", "visual"],
  ["notice", "perceive", "perception", "detect"],
  ["quality", "low-level", "clarity", "distortion"],
  ["blurry", "blur", "low-level", "clarity", "distortion"],
  ["answer", "response", "question answering"],
  ["harmful", "unsafe", "harmless", "safety", "jailbreak"],
  ["fake", "hallucination", "incorrect", "unfaithful"],
  ["explain", "interpretable", "interpretability", "explanation"],
  ["over time", "temporal", "longitudinal"],
  ["forgetting", "catastrophic forgetting"],
  ["3d", "three-dimensional", "spatial"],
  ["webpage", "web page", "web", "website"],
  ["tool", "tool use", "api"],
  ["search", "retrieval", "retriever"],
  ["sharp", "high-resolution", "4k", "fine-grained"],
  ["detail", "fine-grained", "high-resolution"],
  ["hallucination", "misalignment", "factual"],
  ["survey", "review", "overview"],
  ["compress", "compression", "token reduction", "pruning"],
  ["many images", "multi-image", "multiple images", "interleaved"],
  ["several images", "multi-image", "multiple images"],
  ["segmentation", "mask", "pixel-level"],
  ["pointing", "grounding", "localize", "referring"],
  ["teacher student", "distillation", "knowledge distillation"],
];

/** A thesaurus term as words, lower case. */
export function termWords(term: string): string[] {
  return term.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A rough stem, only to match query words to thesaurus terms (the database stems what it searches):
 * "photos", "photo" -> "photo"; "teaching", "teacher", "teach" -> "teach"; "cheaper" -> "cheap".
 */
export function roughStem(word: string): string {
  let stem = word.toLowerCase();
  if (stem.length > 4 && stem.endsWith("ies")) stem = `${stem.slice(0, -3)}y`;
  else if (stem.length > 3 && stem.endsWith("s") && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  for (const suffix of ["ing", "ed", "er", "est"]) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  return stem.length > 3 && stem.endsWith("e") ? stem.slice(0, -1) : stem;
}

type Entry = { words: string[]; others: string[] };

/** Each term (as words) with the other terms of every set it is in. */
function buildIndex(): Map<string, Entry> {
  const index = new Map<string, Entry>();
  for (const set of THESAURUS) {
    for (const term of set) {
      const key = termWords(term).map(roughStem).join(" ");
      const entry = index.get(key) ?? { words: termWords(term), others: [] };
      for (const other of set)
        if (termWords(other).map(roughStem).join(" ") !== key && !entry.others.includes(other))
          entry.others.push(other);
      index.set(key, entry);
    }
  }
  return index;
}

const INDEX = buildIndex();
const LONGEST = Math.max(...[...INDEX.values()].map((entry) => entry.words.length));

/** A run of the query's words that is a thesaurus term, and the terms it expands to. */
type ThesaurusMatch = { start: number; length: number; expansions: string[] };

/**
 * The thesaurus terms in a list of words, longest first, not overlapping ("remote sensing images":
 * "remote sensing" at 0, "image" at 2). Words are compared by their rough stems.
 */
export function findTerms(words: readonly string[]): ThesaurusMatch[] {
  const normal = words.map(roughStem);
  const found: ThesaurusMatch[] = [];
  for (let start = 0; start < normal.length;) {
    let matched: ThesaurusMatch | null = null;
    for (let length = Math.min(LONGEST, normal.length - start); length >= 1 && matched === null; length--) {
      const entry = INDEX.get(normal.slice(start, start + length).join(" "));
      if (entry) matched = { start, length, expansions: entry.others };
    }
    if (matched) {
      found.push(matched);
      start += matched.length;
    } else {
      start += 1;
    }
  }
  return found;
}
