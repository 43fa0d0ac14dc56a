/** Where the model lives, read from the environment at the CLI edge only. */
export interface ModelEndpoint {
  baseURL?: string;
  apiKey?: string;
}

export function endpointFromEnv(env: NodeJS.ProcessEnv): ModelEndpoint {
  return {
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}),
  };
}

/** A model is configured when there is a key (OpenAI) or a base URL (a local server needs no key). */
export function isModelConfigured(endpoint: ModelEndpoint): boolean {
  return Boolean(endpoint.apiKey || endpoint.baseURL);
}
