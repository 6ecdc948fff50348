/**
 * The writer thread (`--writer-thread`): owns the store's only writing connection, runs the writes
 * it is sent in group commits, and replies after each commit. SQLite inserts, commits, fsyncs and
 * WAL checkpoints then run beside the HTTP work instead of between requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit.js';
import { capSize, configureConnection } from './sqlite-connection.js';
import { runOp } from './sqlite-writer.js';
import {
  toWireError,
  type WriterInit,
  type WriterReply,
  type WriterRequest,
} from './sqlite-writer-protocol.js';
import { writeOps } from './sqlite-writes.js';

const port = parentPort;
if (!port) throw new Error('sqlite-writer-worker must run as a worker thread');
const init = workerData as WriterInit;
const db = new Database(init.path);
configureConnection(db, init.options);
capSize(db, init.options.maxBytes);
const ops = writeOps(db);
const commits = new GroupCommit(db, init.commitWindowMs);

// Every promise of one commit settles in the same microtask run: post their replies as one message.
let replies: WriterReply[] = [];
function reply(r: WriterReply): void {
  if (!replies.length)
    queueMicrotask(() => {
      port?.postMessage(replies);
      replies = [];
    });
  replies.push(r);
}

port.on('message', (msg: WriterRequest) => {
  if (msg.type === 'close') {
    commits.flush();
    // After the replies of that last commit are posted (microtasks), close and say so.
    setImmediate(() => {
      db.close();
      port.postMessage({ closed: true });
      port.close();
    });
    return;
  }
  commits
    .submit(() => runOp(ops, msg.op, msg.args))
    .then(
      (value) => reply({ id: msg.id, value }),
      (err: unknown) => reply({ id: msg.id, error: toWireError(err) }),
    );
});
