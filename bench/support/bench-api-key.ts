// Authorization headers for benchmarks that drive the API. (API keys arrive with the access work;
// until then the API needs none.)
export async function benchApiKey(_databaseUrl: string): Promise<Record<string, string>> {
  return {};
}
