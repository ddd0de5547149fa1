import rule from '../../../../src/core/rules/security/cron-no-token.js';
import {ruleTester} from '../../../helpers/rule-tester.js';
import {edit, including, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

/** The solution's cron handler without its token check (and without the helper that held it). */
const OPEN = edit(SOLUTION_APP, '    if not from_sidecar(request):\n        raise HTTPException(status_code=401, detail="not from the Dapr sidecar")\n', '').replace(/\ndef from_sidecar[\s\S]*?\n\n\n/u, '\n');

ruleTester.run(rule, {
	valid: [
		{name: 'the solution checks the token in a helper the handler calls', files: secureFolder()},
		{
			name: 'a FastAPI header parameter named dapr_api_token',
			files: secureFolder({'app.py': edit(OPEN, 'async def handle_cleanup(request: Request):', 'async def handle_cleanup(dapr_api_token: str = Header("")):\n    if not hmac.compare_digest(dapr_api_token, os.environ["APP_API_TOKEN"]):\n        raise HTTPException(status_code=401)')}),
		},
		{
			name: 'an HTTP middleware that checks the token guards every route',
			files: secureFolder({'app.py': edit(OPEN, 'MAX_AGE_SECONDS = 300\n', 'MAX_AGE_SECONDS = 300\n\n\n@app.middleware("http")\nasync def sidecar_only(request, call_next):\n    if request.url.path == "/cleanup-cron" and not hmac.compare_digest(request.headers.get("dapr-api-token", ""), os.environ["APP_API_TOKEN"]):\n        return JSONResponse({}, status_code=401)\n    return await call_next(request)\n')}),
		},
		{
			name: 'a Depends() dependency of the handler',
			files: secureFolder({
				'app.py': edit(OPEN, 'async def handle_cleanup(request: Request):', 'async def handle_cleanup(request: Request, _=Depends(require_sidecar)):').replace('MAX_AGE_SECONDS = 300\n', 'MAX_AGE_SECONDS = 300\n\n\ndef require_sidecar(request: Request):\n    if not hmac.compare_digest(request.headers.get("dapr-api-token", ""), os.environ["APP_API_TOKEN"]):\n        raise HTTPException(status_code=401)\n'),
			}),
		},
		{name: 'nothing to say without a cron handler (input-binding/no-handler reports that)', files: secureFolder({'app.py': edit(STARTER_APP, '@app.post("/cleanup-cron")', '@app.post("/other")')})},
	],
	invalid: [
		{
			name: 'the starter never reads the header',
			files: secureFolder({'app.py': STARTER_APP}),
			errors: [{messageId: 'missing', file: 'app.py', line: 22, column: 1, severity: 'error', message: including('"cleanup-cron" (handle_cleanup at app.py:22)', 'POST /cleanup-cron'), hint: including('os.environ["APP_API_TOKEN"]')}],
		},
		{
			name: 'the check removed from the solution',
			files: secureFolder({'app.py': OPEN}),
			errors: [{messageId: 'missing', file: 'app.py', line: 31, column: 1, severity: 'error'}],
		},
		{
			name: 'the header is read only by a route the checker cannot link to the cron handler, so info',
			files: secureFolder({'app.py': OPEN + '\n\n@app.get("/whoami")\nasync def whoami(request: Request):\n    return {"sidecar": request.headers.get("dapr-api-token") is not None}\n'}),
			errors: [{messageId: 'unlinked', file: 'app.py', line: 31, column: 1, severity: 'info', message: /mentions it at app\.py:\d+/u}],
		},
	],
});
