/**
 * Every command, in the order `dapr-labs --help` lists them. Light: a declaration loads its handler only to run it.
 */
import type {CommandDecl, GroupDecl} from '../command.js';
import {catchUpCommand} from './catch-up.js';
import {checkCommand} from './check.js';
import {cronCommand} from './cron.js';
import {doctorCommand} from './doctor.js';
import {gradeCommand} from './grade.js';
import {initCommand} from './init.js';
import {joinCommand} from './join.js';
import {logsCommand} from './logs.js';
import {resetCommand} from './reset.js';
import {reviewCommand} from './review.js';
import {roomCommand} from './room.js';
import {runCommand} from './run.js';
import {startCommand} from './start.js';

/** Every handler module imports its declaration from here, so that the bundle keeps all declarations in one chunk. */
export const commands: readonly (CommandDecl | GroupDecl)[] = [startCommand, checkCommand, cronCommand, initCommand, catchUpCommand, resetCommand, runCommand, doctorCommand, logsCommand, gradeCommand, reviewCommand, roomCommand, joinCommand];

export {catchUpCommand, checkCommand, cronCommand, doctorCommand, gradeCommand, initCommand, joinCommand, logsCommand, resetCommand, reviewCommand, roomCommand, runCommand, startCommand};
export {roomServeCommand, roomWatchCommand} from './room.js';
