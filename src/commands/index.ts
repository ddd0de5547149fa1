/**
 * The CLI's command table, in the order `dapr-labs --help` lists them: each command's declaration (declarations/)
 * with its handler module, imported only to run it. The handler loaders live here, not in the declarations, because
 * every handler imports the declarations: a bundle of one command (dist/check-vm.js) must not carry the others.
 */
import {withHandler, type Command} from './command.js';
import {catchUpCommand, checkCommand, cronCommand, doctorCommand, gradeCommand, initCommand, joinCommand, logsCommand, resetCommand, reviewCommand, roomCommand, runCommand, startCommand} from './declarations/index.js';

export const commands: readonly Command[] = [
	withHandler(startCommand, () => import('./start.js')),
	withHandler(checkCommand, () => import('./check.js'), {cachedBundle: 'check-vm'}),
	withHandler(cronCommand, () => import('./cron.js')),
	withHandler(initCommand, () => import('./init.js')),
	withHandler(catchUpCommand, () => import('./catch-up.js')),
	withHandler(resetCommand, () => import('./reset.js')),
	withHandler(runCommand, () => import('./run.js')),
	withHandler(doctorCommand, () => import('./doctor.js')),
	withHandler(logsCommand, () => import('./logs.js')),
	withHandler(gradeCommand, () => import('./grade.js')),
	withHandler(reviewCommand, () => import('./review.js')),
	withHandler(roomCommand, () => import('./room.js')),
	withHandler(joinCommand, () => import('./join.js')),
];
