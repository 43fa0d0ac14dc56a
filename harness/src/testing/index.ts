export { startFakeOpenAIServer, type FakeServer, type FakeServerOptions, type FakeReply, type Responder, type FakeChatRequest } from './fake-openai-server.js';
export { SCRIPTED_BOTS } from './scripted-bots.js';
export { createFaultPicker, parseFaults, FAULT_KINDS, type FaultOptions, type FaultKind } from './faults.js';
export { regexRestaurantBot } from './regex-restaurant-bot.js';
