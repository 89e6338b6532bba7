import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export type Db = Kysely<DB> | Transaction<DB>;
