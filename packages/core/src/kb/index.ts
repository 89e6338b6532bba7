export * from './caller-speech.js';
export * from './terms.js';
export * from './rank.js';
