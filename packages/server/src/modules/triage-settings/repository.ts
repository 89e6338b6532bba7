// The triage word lists keep their own JSON format in the shared settings store.
export { readSetting, writeSetting } from '../settings/repository.js';
