// autocannon ships no types and @types/autocannon is not installed: the part of its API bench:http uses.
// Delete this file if @types/autocannon is added to devDependencies.
declare module "autocannon" {
  type Histogram = { average: number; mean: number; total: number; p50: number; p99: number };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    headers?: Record<string, string>;
  };
  type Result = { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
