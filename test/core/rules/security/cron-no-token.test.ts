import {describe, expect, test} from 'vitest';
import {at} from '../../../helpers/rules.js';
import {checkSecure, edit, secureFolder, SOLUTION_APP, STARTER_APP} from '../../../helpers/secure.js';

const RULE = 'security/cron-no-token';

/** The solution's cron handler without its token check (and without the helper that held it). */
const OPEN = edit(SOLUTION_APP, '    if not from_sidecar(request):\n        raise HTTPException(status_code=401, detail="not from the Dapr sidecar")\n', '').replace(/\ndef from_sidecar[\s\S]*?\n\n\n/u, '\n');

describe(RULE, () => {
	test('valid: the solution checks the token in a helper the handler calls', () => expect(checkSecure(RULE, secureFolder())).toEqual([]));
	test('valid: a FastAPI header parameter named dapr_api_token', () => {
		const app = edit(OPEN, 'async def handle_cleanup(request: Request):', 'async def handle_cleanup(dapr_api_token: str = Header("")):\n    if not hmac.compare_digest(dapr_api_token, os.environ["APP_API_TOKEN"]):\n        raise HTTPException(status_code=401)');
		expect(checkSecure(RULE, secureFolder({'app.py': app}))).toEqual([]);
	});
	test('valid: an HTTP middleware that checks the token guards every route', () => {
		const app = edit(OPEN, 'MAX_AGE_SECONDS = 300\n', 'MAX_AGE_SECONDS = 300\n\n\n@app.middleware("http")\nasync def sidecar_only(request, call_next):\n    if request.url.path == "/cleanup-cron" and not hmac.compare_digest(request.headers.get("dapr-api-token", ""), os.environ["APP_API_TOKEN"]):\n        return JSONResponse({}, status_code=401)\n    return await call_next(request)\n');
		expect(checkSecure(RULE, secureFolder({'app.py': app}))).toEqual([]);
	});
	test('valid: a Depends() dependency of the handler', () => {
		const app = edit(OPEN, 'async def handle_cleanup(request: Request):', 'async def handle_cleanup(request: Request, _=Depends(require_sidecar)):').replace('MAX_AGE_SECONDS = 300\n', 'MAX_AGE_SECONDS = 300\n\n\ndef require_sidecar(request: Request):\n    if not hmac.compare_digest(request.headers.get("dapr-api-token", ""), os.environ["APP_API_TOKEN"]):\n        raise HTTPException(status_code=401)\n');
		expect(checkSecure(RULE, secureFolder({'app.py': app}))).toEqual([]);
	});
	test('invalid: the starter never reads the header', () => {
		const findings = checkSecure(RULE, secureFolder({'app.py': STARTER_APP}));
		expect(at(findings)).toEqual([[RULE, 'error', 'app.py', 22, 1]]);
		expect(findings[0]!.message).toContain('"cleanup-cron" (handle_cleanup at app.py:22)');
		expect(findings[0]!.message).toContain('POST /cleanup-cron');
		expect(findings[0]!.hint).toContain('os.environ["APP_API_TOKEN"]');
	});
	test('invalid: the check removed from the solution', () => {
		expect(checkSecure(RULE, secureFolder({'app.py': OPEN})).map((f) => f.severity)).toEqual(['error']);
	});
	test('unresolvable: the header is read only by a route the checker cannot link to the cron handler, so info', () => {
		const app = OPEN + '\n\n@app.get("/whoami")\nasync def whoami(request: Request):\n    return {"sidecar": request.headers.get("dapr-api-token") is not None}\n';
		const findings = checkSecure(RULE, secureFolder({'app.py': app}));
		expect(findings.map((f) => [f.severity, f.line])).toEqual([['info', 31]]);
		expect(findings[0]!.message).toMatch(/mentions it at app\.py:\d+/u);
	});
	test('nothing to say without a cron handler (input-binding/no-handler reports that)', () => {
		const app = STARTER_APP.replace('@app.post("/cleanup-cron")', '@app.post("/other")');
		expect(checkSecure(RULE, secureFolder({'app.py': app}))).toEqual([]);
	});
});
