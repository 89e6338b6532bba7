import { describe, expect, it } from 'vitest';
import { detectUrgency } from './detect.js';

// The public form is offered in English; these are written the way a resident would type them.
describe('English appeals', () => {
  const emergencies: [text: string, category: string, number: string][] = [
    ['There is a strong smell of gas in the stairwell… gas is leaking', 'gas_leak', '119'],
    ['I can smell gas in my kitchen', 'gas_leak', '119'],
    ['The restaurant downstairs is on fire!', 'fire', '119'],
    ['A house fire on Renmin Road, flames everywhere', 'fire', '119'],
    ['My neighbour says he wants to kill himself', 'self_harm', '110'],
    ['A man with a knife is attacking people at the market', 'violence', '110'],
    ['My father is unconscious and not breathing', 'medical', '120'],
    ['Car crash at the crossing, a cyclist is injured and bleeding', 'traffic_injury', '120'],
    ['There was a car accident just now at the junction', 'traffic_accident', '122'],
  ];

  it.each(emergencies)('%s → %s, %s', (text, category, number) => {
    const result = detectUrgency(text);
    expect(result.level).toBe('emergency');
    expect(result.redirect?.category).toBe(category);
    expect(result.redirect?.number).toBe(number);
  });

  it('finds the words where they are, so the console can highlight them', () => {
    const text = 'Strong SMELL OF GAS here';
    const [match] = detectUrgency(text).matches;
    expect(match && text.slice(match.span[0], match.span[1])).toBe('SMELL OF GAS');
  });

  const urgent: string[] = [
    'Three of us are stuck in the lift of building 5',
    'The whole building has no water since this morning',
    'A burst pipe is flooding the street',
  ];
  it.each(urgent)('%s → urgent', (text) => {
    expect(detectUrgency(text).level).toBe('urgent');
  });

  // Whole words only, and the cues that say nothing is happening now.
  const normal: string[] = [
    'The fireworks shop sells without a licence',
    'Please check the fire hydrant near gate 3, it is broken',
    'The fire exit in our building is blocked by bicycles',
    'There is no gas leak, but the gas bill is wrong',
    'We had a gas leak last year and nobody inspected the pipes since',
    'What should we do if there is a fire in a high-rise?',
    'My flat has no water today', // one flat: normal (the outage flag still applies)
    'The gasoline station is noisy at night',
    'Smoke from the barbecue restaurant every evening',
  ];
  it.each(normal)('%s → not urgent', (text) => {
    expect(detectUrgency(text).level).toBe('normal');
  });

  it('never lets a "no" earlier in the sentence cancel an emergency', () => {
    const result = detectUrgency('We have no power and gas is leaking in the kitchen');
    expect(result.level).toBe('emergency');
    expect(result.redirect?.category).toBe('gas_leak');
  });

  it('keeps the outage flag for one flat without water', () => {
    expect(detectUrgency('My flat has no water today').utilitiesOutage).toBe(true);
  });

  it('counts English words, not letters, in cue windows: "not a fire" is negated', () => {
    const result = detectUrgency('It was not a fire, only steam from the laundry');
    expect(result.level).toBe('normal');
    expect(result.suppressed.map((s) => s.reason)).toContain('negation');
  });

  it('leaves Chinese matching as it was: a space still ends a Chinese clause', () => {
    expect(detectUrgency('没有 着火').level).toBe('emergency');
    expect(detectUrgency('没有着火').level).toBe('normal');
  });
});
