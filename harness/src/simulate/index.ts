export type { UserSimulator, UserTurn, SimulatorView } from './simulator.js';
export { createAgendaUser } from './agenda-user.js';
export { createScriptedUser } from './scripted-user.js';
export { createSimulator, simulatorKindFor, type SimulatorKind } from './create-simulator.js';
export { simulateConversation, type ConversationSetup, type SimulatedConversation } from './conversation.js';
export { planJobs, runJobs, type Job } from './runner.js';
export { createLlmUser, LLM_USER_TEMPLATE, type LlmUserOptions } from './llm-user.js';
export { LlmUserReplySchema, policyProblems, type LlmUserReply } from './llm-user-reply.js';
