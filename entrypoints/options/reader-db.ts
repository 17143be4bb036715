/**
 * The options page's one connection to the database, shared by "Your notes" and "Names you follow"
 * (both only read: every write goes through the background). Opened on first use, so importing a
 * module that uses it (tests, the page's first paint) opens nothing.
 */
import { BackstoryDatabase } from '@/lib/store/database';

let database: BackstoryDatabase | undefined;

export const readerDb = () => (database ??= new BackstoryDatabase());
