export { promptFollowingBot, readPromptRules, PROMPT_RULES } from './prompt-following-bot.js';
export { createScriptedRefiner, WEAK_PROMPT, GOOD_FIXES, GOOD_PRINCIPLES, type ScriptedRefinerOptions } from './scripted-refiner.js';
export { startFakeOpenAIServer, type FakeServer, type FakeServerOptions, type FakeReply, type Responder, type FakeChatRequest } from './fake-openai-server.js';
export { SCRIPTED_BOTS } from './scripted-bots.js';
export { scriptedUserModel } from './scripted-user-model.js';
export { createFaultPicker, parseFaults, FAULT_KINDS, type FaultOptions, type FaultKind } from './faults.js';
export { regexRestaurantBot } from './regex-restaurant-bot.js';
export { startHttpBotServer, bookingTool, type HttpBotServer, type HttpBotServerOptions } from './http-bot-server.js';
export { runAgentTurn, type AgentTool } from './agent-turn.js';
