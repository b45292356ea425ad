/** Readable default run names (`brave-otter-417`), as MLflow gives runs created without one. */
const ADJECTIVES = [
  'amber',
  'brave',
  'calm',
  'clever',
  'dapper',
  'eager',
  'gentle',
  'lucky',
  'merry',
  'nimble',
  'quiet',
  'rare',
  'sly',
  'swift',
  'tidy',
  'vivid',
];
const ANIMALS = [
  'badger',
  'crane',
  'eel',
  'finch',
  'gecko',
  'heron',
  'ibis',
  'koala',
  'lynx',
  'moth',
  'newt',
  'otter',
  'panda',
  'quail',
  'stork',
  'wren',
];

export function randomRunName(random: () => number = Math.random): string {
  const pick = (words: string[]): string => words[Math.floor(random() * words.length)] ?? words[0] ?? 'run';
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}-${Math.floor(random() * 1000)}`;
}
