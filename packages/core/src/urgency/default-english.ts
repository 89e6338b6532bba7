import type { UrgencyLexiconInput } from './lexicon.js';

type Modifiers = NonNullable<UrgencyLexiconInput['modifiers']>;
type ModifierKind = keyof Modifiers;

/**
 * English words for the built-in lexicon: the public form is offered in English, and "strong
 * smell of gas… gas is leaking" opened a normal case while the lexicon had only Chinese.
 *
 * English matches whole words ("fire" never in "firework"), and phrase windows count words, so
 * the Chinese windows carry over ("not a fire" is one word from its cue, like 没有着火). Bare
 * "fire" and "smoke" are left out on purpose: fire hydrant, fire exit, smoke from a restaurant
 * are everyday complaints. Inflections are listed, because whole-word matching does not stem.
 */
export const ENGLISH_TERMS: Record<string, { terms: string[]; excludes?: string[]; context?: string[] }> = {
  fire: {
    terms: [
      'on fire', 'caught fire', 'catching fire', 'a fire', 'house fire', 'building is burning', 'is burning', 'burning down',
      'flames', 'thick smoke', 'full of smoke', 'smoke is coming', 'smoke coming', 'explosion', 'exploded',
    ],
    excludes: ['a fire hydrant', 'a fire exit', 'a fire alarm', 'a fire hazard', 'a fire risk', 'a fire drill', 'a fire door', 'a fire escape'],
  },
  gas_leak: {
    terms: [
      'gas leak', 'gas leaking', 'gas is leaking', 'leaking gas', 'gas leaks', 'smell of gas', 'smells of gas', 'smell gas',
      'smelling gas', 'smells like gas', 'gas smell', 'smell of burning gas', 'carbon monoxide',
    ],
    excludes: ['gas leak detector', 'gas leak alarm', 'carbon monoxide alarm', 'carbon monoxide detector'],
  },
  violence: {
    terms: [
      'being attacked', 'attacking people', 'attacked me', 'with a knife', 'stabbed', 'stabbing', 'beating someone',
      'beating his wife', 'beating her', 'domestic violence', 'robbery', 'being robbed', 'kidnapped', 'kidnapping', 'fighting outside',
    ],
  },
  self_harm: {
    terms: [
      'kill myself', 'killing myself', 'kill himself', 'kill herself', 'suicide', 'suicidal', 'end my life', 'want to die',
      'jump off', 'going to jump', 'overdose', 'took pills',
    ],
    excludes: ['suicide prevention', 'suicide hotline'],
  },
  medical: {
    terms: [
      'unconscious', 'not breathing', "can't breathe", 'cannot breathe', 'heart attack', 'having a stroke', 'seizure',
      'bleeding heavily', 'bleeding badly', 'collapsed', 'passed out', 'electrocuted', 'drowning', 'poisoned',
    ],
  },
  traffic_injury: {
    terms: ['injured', 'bleeding', 'hurt badly', 'hit by a car', 'knocked down', "can't move"],
    context: ['car crash', 'car accident', 'crash', 'hit by', 'collision', 'run over'],
  },
  traffic_accident: {
    terms: ['car crash', 'car accident', 'cars crashed', 'traffic accident', 'hit and run'],
  },
  trapped: {
    terms: ['stuck in the lift', 'stuck in the elevator', 'trapped in the lift', 'trapped in the elevator', 'trapped in', 'locked in'],
  },
  collapse: {
    terms: ['collapsed building', 'is collapsing', 'about to collapse', 'wall collapsed', 'ceiling collapsed', 'roof collapsed'],
  },
  public_hazard: {
    terms: ['manhole cover missing', 'missing manhole cover', 'open manhole', 'fallen power line', 'power line down', 'live wire', 'tree fell', 'fallen tree'],
  },
  sewage_flood: {
    terms: ['sewage is flooding', 'sewage flooding', 'sewage backing up', 'flooded', 'flooding', 'burst pipe', 'pipe burst', 'water main burst'],
  },
  missing_person: {
    terms: ['child is missing', 'lost my child', 'lost child', 'missing child', 'can\'t find my child', 'elderly man missing', 'elderly woman missing', 'went missing'],
    excludes: ['dog went missing', 'cat went missing'],
  },
  utility_outage_widespread: {
    terms: ['no water', 'water cut', 'no power', 'power cut', 'power outage', 'no electricity', 'blackout', 'no heating', 'no gas supply'],
    context: ['whole building', 'entire building', 'whole block', 'whole street', 'neighbourhood', 'neighborhood', 'all residents', 'many households', 'whole area'],
  },
  utility_outage: {
    terms: ['no water', 'water cut', 'no power', 'power cut', 'power outage', 'no electricity', 'blackout', 'no heating', 'no gas supply'],
    excludes: ['power cut notice', 'water cut notice'],
  },
};

/**
 * English cues. Windows stay those of the Chinese cues and count words here. A bare "no" is not
 * a cue: in "no power and gas is leaking" it would reach the gas leak two words on and cancel an
 * emergency. Only phrases that introduce a denial ("there is no gas leak") are.
 */
export const ENGLISH_CUES: Partial<Record<ModifierKind, { before?: string[]; after?: string[]; pseudo?: string[]; overriddenBy?: string[] }>> = {
  negation: {
    before: ['there is no', "there's no", 'there was no', 'no sign of', 'not', "isn't", "wasn't", "aren't", "don't", "doesn't", "didn't", 'never', 'without', 'nothing like', 'almost'],
    pseudo: ['not only', 'not sure'],
  },
  past: {
    before: ['last year', 'last month', 'last week', 'years ago', 'months ago', 'used to', 'previously', 'in the past', 'once had'],
    // "a gas leak last year": English often puts the time after the event.
    after: ['last year', 'last month', 'last week', 'years ago', 'months ago', 'weeks ago'],
    overriddenBy: ['still', 'again', 'right now', 'now', 'today', 'ongoing', 'since then'],
  },
  future: {
    before: ['tomorrow', 'next week', 'next month', 'next year', 'will be', 'planned', 'scheduled', 'is going to be'],
    overriddenBy: ['already', 'right now', 'now', 'currently'],
  },
  hypothetical: {
    before: ['if', 'in case', 'what if', 'prevent', 'prevention', 'drill', 'risk of', 'worried', 'afraid', 'could cause', 'might cause', 'often', 'always', 'how to'],
    after: ['drill', 'risk', 'hazard'],
  },
};
