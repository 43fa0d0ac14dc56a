import { slotShape, fitsShape } from '../annotate/slot-shapes.js';
import type { Slot } from '../bot/task.js';
import type { Conversation } from '../transcript/schema.js';
import { keyStem, type ToolObjects } from './tool-objects.js';

/** An object the user picked out by an attribute, as the value of a slot. */
export interface NamedObject {
  /** The object's identifier: the slot's value. */
  value: string;
  /** The attribute the user wrote ("5531"). */
  said: string;
  messageIndex: number;
}

/**
 * Rule 10: a value stands once it determines the slot, and an attribute that
 * picks out exactly one object the bot looked up determines it ("the card
 * ending in 5531" when one card on file ends so), as rule 6 counts such an
 * identifier shown. The objects of a slot are those its examples' shape fits
 * or that sit in a container named for it ("cards" for card_id); the
 * attributes read are numbers of three digits or more, which no ordinary
 * word is. Returns the last such mention in the user messages after `from`
 * and before `to`.
 */
export function namedByAttribute(conversation: Conversation, slot: Slot, objects: () => ToolObjects, from: number, to: number): NamedObject | undefined {
  const shape = slotShape(slot);
  const stem = keyStem(slot.name);
  for (let j = to - 1; j > from; j -= 1) {
    const message = conversation.messages[j];
    if (message?.role !== 'user' || !message.content || !DIGITS.test(message.content)) continue;
    for (const said of new Set(message.content.match(NUMBER) ?? [])) {
      const found = objects()
        .objectsWith(said, j)
        .filter(({ id, object }) => (shape && fitsShape(shape, id)) || (object.container !== undefined && keyStem(object.container) === stem));
      if (found.length === 1) return { value: found[0]!.id, said, messageIndex: j };
    }
  }
  return undefined;
}

const DIGITS = /\d{3}/;
const NUMBER = /(?<![\w.,$€£])\d{3,}(?![\w,]|\.\d)/g;
