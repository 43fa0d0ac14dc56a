export { startFakeOpenAIServer, type FakeServer, type FakeServerOptions, type FakeReply, type Responder, type FakeChatRequest } from './fake-openai-server.js';
export { SCRIPTED_BOTS } from './scripted-bots.js';
export { scriptedUserModel } from './scripted-user-model.js';
