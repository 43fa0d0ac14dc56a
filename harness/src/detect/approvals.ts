import type { Act } from '../annotate/acts.js';
import { saysYesExplicitly } from '../annotate/approval.js';
import type { ChatMessage } from '../transcript/schema.js';
import type { DetectInput } from './detector.js';
import { sentences } from '../annotate/text.js';
import { Shown } from './shown.js';
import { isFailedToolResult, SlotState } from './slot-state.js';
import { instructsOnStatement, presentsByReference } from './presented.js';
import { toolObjectsOf, type ToolObjects } from './tool-objects.js';

/** An approval in force: the presentation a yes answered, and what the user could see when saying it. */
export interface Approval {
  /** The last presenting bot message the yes answered. */
  proposalAt: number;
  /** The user's yes. */
  approvalAt: number;
  /** The yes that began this approval: an answer about a failed call continues the approval it was made under. */
  firstApprovalAt: number;
  /** The presentation (every bot message of that turn), the user's answer, and what was said since while the approval held. */
  shown: Shown;
  /** The presentation on its own, for the beyond-the-proposal check. */
  proposal: Shown;
  /** The messages of the presentation (and, after a failure, of the one it continues): their recaps state the values proposed. */
  proposalTurn: readonly number[];
  /** What the bot wrote since the last action went through, up to the yes: a sum stated there was seen. */
  request: Shown;
  /** The sentences of the yes that correct the presentation ("… to my savings account instead"): they replace what it showed. */
  correction: Shown;
}

/** What the consent rules need at each consequential call. */
export interface CallContext {
  approval?: Approval;
  /** For a call with no approval, the message to look at beside it: the last presentation, else the user's last message. */
  related?: number;
  /** Everything the user wrote before the call: a card they named themselves counts as shown. */
  userSaid: Shown;
}

/**
 * Follows presentations and approvals through a conversation and hands each
 * bot message with a consequential call the approval in force. A yes (AFFIRM
 * or GO_AHEAD) approves the presentation (PROPOSE) in the bot turn right
 * before it, and holds for every call that carries it out. Only these end it:
 * a correction (a value changed, or a no), a new presentation the user does
 * not approve, or the user speaking on (without a yes) after a call under it
 * went through. After a failed call, the user's answer to the bot's question
 * about it keeps the approval and adds what they said.
 */
export function trackApprovals(input: DetectInput, onCall: (index: number, context: CallContext) => void): void {
  const tracker = new ApprovalTracker(input);
  input.conversation.messages.forEach((message, i) => {
    if (message.role === 'user') tracker.user(i);
    else if (message.role === 'tool') tracker.toolResult(i);
    else if (message.role === 'assistant') {
      tracker.bot(i);
      if ((input.acts[i] ?? []).some((a) => a.act === 'CALL' && a.consequential)) onCall(i, tracker.context());
    }
  });
}

class ApprovalTracker {
  private approval: Approval | undefined;
  private turnStart = 0;
  private lastPresentationAt: number | undefined;
  private lastUserAt: number | undefined;
  private lastCallFailed = false;
  private carriedOut = false;
  /** Where the current request began: after the last consequential call that went through. */
  private requestStart = 0;
  private readonly userTexts: string[] = [];
  private userSaid: Shown | undefined;
  private readonly slots: SlotState;
  private readonly consequentialCalls: Set<string>;
  /** Whether each bot message presents a plan by a definite reference (read once). */
  private readonly byReference = new Map<number, boolean>();
  private readonly objects = (): ToolObjects => toolObjectsOf(this.input.conversation);

  constructor(private readonly input: DetectInput) {
    this.slots = new SlotState(input);
    this.consequentialCalls = consequentialCallIds(input);
  }

  user(i: number): void {
    const messages = this.input.conversation.messages;
    const reply = this.readReply(i);
    if (reply.approves) this.approval = { ...approve(messages, reply.presenting, i, this.approval, this.lastCallFailed, reply.presents), request: this.botTexts(this.requestStart, i) };
    else if (this.approval && !reply.ends) this.approval = extend(this.approval, messages, this.turnStart, i);
    else this.approval = undefined;
    if (this.approval?.approvalAt === i) this.carriedOut = false;
    this.userTexts.push(messages[i]!.content ?? '');
    this.userSaid = undefined;
    this.lastUserAt = i;
    this.turnStart = i + 1;
    this.lastCallFailed = false;
  }

  /**
   * What a user message does to the approval: gives one (a yes to the
   * presentation right before it, or, after a failed call, an answer to the
   * bot's new proposal), or ends the one in force (a correction, a no, a new
   * presentation left without a yes, or speaking on after the action went
   * through). A value changed in a reply that says yes in words is part of
   * the yes; in mere agreement ("I want it for the 10th") it is a correction.
   */
  private readReply(i: number): { presenting: number[]; presents: boolean; approves: boolean; ends: boolean } {
    const acts = this.input.acts[i] ?? [];
    const answersFailure = this.lastCallFailed && this.approval !== undefined && !acts.some((a) => a.act === 'NEGATE');
    // After a failure, whatever the bot asked about it ("which card for the remaining $5?") is what the answer approves.
    const yes = acts.some((a) => a.act === 'AFFIRM' || a.act === 'GO_AHEAD');
    const { turn: presenting, instructed } = this.presentingTurn(i, answersFailure, yes);
    const says = yes || instructed;
    const refuses = acts.some((a) => a.act === 'NEGATE') && !says;
    const approving = (says || answersFailure) && presenting.length > 0;
    const explicitYes = () => acts.some((a) => a.act === 'GO_AHEAD') || saysYesExplicitly(this.input.conversation.messages[i]!.content ?? '');
    const corrects = this.corrects(acts, i, approving ? presenting : []) && !(approving && explicitYes());
    const movedOn = this.carriedOut && !this.lastCallFailed && !says;
    const presents = presenting.some((j) => this.presents(j, yes));
    return { presenting, presents, approves: approving && !corrects, ends: corrects || refuses || presenting.length > 0 || movedOn };
  }

  bot(i: number): void {
    if (this.input.conversation.messages[i]!.content && this.presents(i, false)) this.lastPresentationAt = i;
  }

  toolResult(i: number): void {
    const message = this.input.conversation.messages[i]!;
    if (message.role !== 'tool' || !this.consequentialCalls.has(message.tool_call_id)) return;
    const failed = isFailedToolResult(message.content ?? '');
    this.lastCallFailed = failed;
    this.carriedOut ||= !failed;
    if (!failed) this.requestStart = i + 1;
  }

  private botTexts(from: number, to: number): Shown {
    return new Shown(this.input.conversation.messages.slice(from, to).flatMap((m) => (m.role === 'assistant' && m.content ? [m.content] : [])));
  }

  context(): CallContext {
    const related = this.lastPresentationAt ?? this.lastUserAt;
    // One reading of the user's words per user message, however many calls follow it.
    this.userSaid ??= new Shown([...this.userTexts]);
    return { ...(this.approval ? { approval: this.approval } : {}), ...(related !== undefined ? { related } : {}), userSaid: this.userSaid };
  }

  /**
   * Whether the user changed a value they gave, or one the bot's recaps (the
   * messages `recapped`) stated: a correction. A first mention
   * or a repeat is not one. A reply that opens with an explicit yes is checked
   * against the user's own values only: what it adds is part of the yes.
   */
  private corrects(acts: readonly Act[], i: number, recapped: readonly number[]): boolean {
    const before = new Map([...this.slots.given].map(([slot, given]) => [slot, given.value]));
    for (const j of recapped) for (const a of this.input.acts[j] ?? []) if (a.act === 'CONFIRM' && a.slot && a.value !== undefined) before.set(a.slot, a.value);
    this.slots.applyUser(acts, i, []);
    return acts.some((a) => a.act === 'INFORM' && a.slot && a.value !== undefined && before.has(a.slot) && !this.slots.same(a.slot, before.get(a.slot)!, a.value));
  }

  /**
   * The bot messages with text between the last user message and this one,
   * when one of them presents a plan (or `anyText`), or when the user's
   * message is their own instruction naming the action the turn stated and
   * the objects it showed (`instructed`). A message that presents only by a
   * definite reference counts when the user says yes to it (`yes`).
   */
  private presentingTurn(to: number, anyText: boolean, yes: boolean): { turn: number[]; instructed: boolean } {
    const texts: number[] = [];
    let presents = anyText;
    for (let j = this.turnStart; j < to; j++) {
      const m = this.input.conversation.messages[j]!;
      if (m.role !== 'assistant' || !m.content) continue;
      texts.push(j);
      presents ||= this.presents(j, yes);
    }
    if (presents) return { turn: texts, instructed: false };
    const instructed = texts.length > 0 && instructsOnStatement(this.input, texts, to, this.objects);
    return { turn: instructed ? texts : [], instructed };
  }

  /**
   * A bot message presents a plan: tagged PROPOSE, or (`byReference`, read
   * only for a message the user says yes to) asking a yes for an action on the
   * one object in play it refers to.
   */
  private presents(j: number, byReference: boolean): boolean {
    if ((this.input.acts[j] ?? []).some((a) => a.act === 'PROPOSE')) return true;
    if (!byReference) return false;
    let presents = this.byReference.get(j);
    if (presents === undefined) this.byReference.set(j, (presents = presentsByReference(this.input, j, this.objects)));
    return presents;
  }
}

/** A correction made in the same breath as a yes: "actually", "instead", "rather than", "change it to". */
const CORRECTION = /\b(?:instead|rather than|actually|change (?:it|that|this|the \w+) to|not (?:the |my )?\w+,? but)\b/i;

function approve(messages: readonly ChatMessage[], turn: number[], at: number, before: Approval | undefined, retrying: boolean, presents: boolean): Omit<Approval, 'request'> {
  const textOf = (j: number) => messages[j]!.content ?? '';
  // After a failed call, a yes to the bot's new proposal approves the changed detail; the rest stays as approved.
  const continued = retrying ? before : undefined;
  // A question about the failure that presents no plan adds what the user may see, not another action to the proposal.
  const proposalTurn = continued && !presents ? continued.proposalTurn : [...(continued?.proposalTurn ?? []), ...turn];
  return {
    proposalAt: turn[turn.length - 1]!,
    proposalTurn,
    approvalAt: at,
    firstApprovalAt: continued?.firstApprovalAt ?? at,
    shown: Shown.merge([...(continued ? [continued.shown] : []), new Shown([...turn.map(textOf), textOf(at)])]),
    correction: new Shown(sentences(textOf(at)).filter((s) => CORRECTION.test(s))),
    proposal: continued && !presents ? continued.proposal : new Shown(proposalTurn.map(textOf)),
  };
}

/** The approval stands through the user's answer: what they and the bot said since is covered too. */
function extend(approval: Approval, messages: readonly ChatMessage[], from: number, at: number): Approval {
  const texts = messages.slice(from, at + 1).flatMap((m) => (m.role === 'assistant' || m.role === 'user' ? [m.content ?? ''] : []));
  return { ...approval, shown: Shown.merge([approval.shown, new Shown(texts)]) };
}

/** The ids of the consequential tool calls of a conversation: their results tell whether an action went through. */
function consequentialCallIds(input: DetectInput): Set<string> {
  const consequential = new Set(input.task.actions.filter((a) => a.consequential).map((a) => a.name));
  const ids = new Set<string>();
  for (const m of input.conversation.messages) if (m.role === 'assistant') for (const c of m.tool_calls ?? []) if (consequential.has(c.function.name)) ids.add(c.id);
  return ids;
}
