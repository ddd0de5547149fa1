/**
 * Every command's declaration. Each handler module imports its own from here (so the bundle keeps all declarations in
 * one chunk that the CLI loads at start); which module handles which command is src/commands/index.ts's table.
 */
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

export {catchUpCommand, checkCommand, cronCommand, doctorCommand, gradeCommand, initCommand, joinCommand, logsCommand, resetCommand, reviewCommand, roomCommand, runCommand, startCommand};
export {roomServeCommand, roomWatchCommand} from './room.js';
