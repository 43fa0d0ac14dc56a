import { describe, expect, it } from 'vitest';
import { describeEndpoint, endpointFromEnv, endpointSecrets, envSecrets } from './config.js';

describe('the endpoint from the environment, and its secrets', () => {
  it('finds every credential: key, user-info, secret query values, custom header values (and the bearer token alone)', () => {
    const endpoint = endpointFromEnv({
      OPENAI_API_KEY: 'sk-key-123456',
      OPENAI_BASE_URL: 'https://ada:pass-word-42@gw.example/v1?api-key=tok-abcdef&api-version=2024-06-01&deployment=prod',
      OPENAI_CUSTOM_HEADERS: 'X-Api-Key: hdr-secret-1\nAuthorization: Bearer bearer-token-9\nX-Team: analytics',
    });
    expect(endpoint.headers).toEqual({ 'X-Api-Key': 'hdr-secret-1', Authorization: 'Bearer bearer-token-9', 'X-Team': 'analytics' });
    const secrets = endpointSecrets(endpoint);
    for (const s of ['sk-key-123456', 'pass-word-42', 'tok-abcdef', 'hdr-secret-1', 'Bearer bearer-token-9', 'bearer-token-9']) expect(secrets).toContain(s);
    // Plain settings are not secrets: blanking them would blank dates and words out of transcripts.
    for (const s of ['2024-06-01', 'prod', 'analytics', 'Bearer']) expect(secrets).not.toContain(s);
    expect(describeEndpoint(endpoint.baseURL)).toBe('https://gw.example/v1');
  });

  it('a long random-looking query value is a secret whatever its name', () => {
    expect(endpointSecrets({ baseURL: 'http://h/v1?x=a1b2c3d4e5f6g7h8i9' })).toEqual(['a1b2c3d4e5f6g7h8i9']);
  });

  it('a base URL that is not http(s) is a usage error that does not repeat it', () => {
    for (const url of ['localhost:11434/v1', 'my gateway', 'ftp://files.example/v1']) {
      expect(() => endpointFromEnv({ OPENAI_BASE_URL: url })).toThrow(/^OPENAI_BASE_URL is not an http\(s\) URL; set it like http:\/\/localhost:11434\/v1/);
    }
    expect(envSecrets({ OPENAI_BASE_URL: 'gw.example/v1?api-key=a1b2c3d4e5f6g7h8i9', OPENAI_API_KEY: 'sk-key-123456' })).toEqual(['sk-key-123456', 'a1b2c3d4e5f6g7h8i9']);
  });
});
