/**
 * Go's `net/url` Parse, ported for the subset that decides whether bindings.http can send a request: control
 * characters, the scheme, the authority (userinfo, host characters, port), and %-escapes in path and fragment.
 * Then what `net/http` refuses before it dials: a scheme other than http/https, or no host. Pure; no WHATWG `URL`,
 * which accepts URLs Go rejects (`https://{{tenant}}.example.com/`) and repairs others (`https:/x`, `https:\\x`).
 *
 * Ported from the Go standard library, read at golang/go commit 0118299 (src/net/url/url.go: Parse, parse, getScheme,
 * parseAuthority, parseHost, validOptionalPort, unescape, shouldEscape in encodeHost mode), and net/http's client
 * checks (`unsupported protocol scheme`, `http: no Host in request URL`) from knowledge of net/http, not re-read.
 * Not ported: IPv6 zone (%25) details, any IP-literal validity check newer Go releases add inside `[...]`.
 */

export type GoUrl =
	| {readonly ok: true; readonly scheme: string; readonly host: string}
	/** `error` is Go's text after `parse "<url>": ` (the url.Error wrapper is added by the caller). */
	| {readonly ok: false; readonly error: string; readonly inFragment?: boolean};

function isAlpha(c: string): boolean {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

function isDigit(c: string): boolean {
	return c >= '0' && c <= '9';
}

function isHex(c: string): boolean {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

function hasControlByte(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const code = s.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/** getScheme: `{scheme, rest}` or an error for a leading colon. */
function getScheme(raw: string): {scheme: string; rest: string} | {error: string} {
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i]!;
		if (isAlpha(c)) continue;
		if (isDigit(c) || c === '+' || c === '-' || c === '.') {
			if (i === 0) return {scheme: '', rest: raw};
			continue;
		}
		if (c === ':') {
			if (i === 0) return {error: 'missing protocol scheme'};
			return {scheme: raw.slice(0, i), rest: raw.slice(i + 1)};
		}
		return {scheme: '', rest: raw};
	}
	return {scheme: '', rest: raw};
}

// shouldEscape(c, encodeHost) for ASCII: unreserved characters and RFC 3986 sub-delims plus ':', '[', ']', '<',
// '>', '"' stay; anything else in a host is an error.
function hostCharAllowed(c: string): boolean {
	if (isAlpha(c) || isDigit(c)) return true;
	return '-_.~!$&\'()*+,;=:[]<>"'.includes(c);
}

/** unescape(s, mode): the error Go gives for a bad %-escape or (host mode) a character a host may not hold. */
function unescapeError(s: string, mode: 'host' | 'path' | 'fragment' | 'userinfo'): string | null {
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c === '%') {
			if (i + 2 >= s.length || !isHex(s[i + 1]!) || !isHex(s[i + 2]!)) {
				const bad = s.slice(i, Math.min(s.length, i + 3));
				return `invalid URL escape ${JSON.stringify(bad)}`;
			}
			// In a host, %-encoding may only stand for non-ASCII bytes (RFC 6874 zones aside).
			if (mode === 'host' && parseInt(s.slice(i + 1, i + 3), 16) < 0x80 && s.slice(i, i + 3) !== '%25') return `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`;
			i += 2;
			continue;
		}
		if (mode === 'host' && c.charCodeAt(0) < 0x80 && !hostCharAllowed(c)) return `invalid character ${JSON.stringify(c)} in host name`;
	}
	return null;
}

function validOptionalPort(port: string): boolean {
	if (port === '') return true;
	if (port[0] !== ':') return false;
	for (const c of port.slice(1)) if (!isDigit(c)) return false;
	return true;
}

function parseHost(host: string): {host: string} | {error: string} {
	if (host.startsWith('[')) {
		const close = host.lastIndexOf(']');
		if (close < 0) return {error: 'missing \']\' in host'};
		const colonPort = host.slice(close + 1);
		if (!validOptionalPort(colonPort)) return {error: `invalid port ${JSON.stringify(colonPort)} after host`};
		return {host};
	}
	const colon = host.lastIndexOf(':');
	if (colon !== -1) {
		const colonPort = host.slice(colon);
		if (!validOptionalPort(colonPort)) return {error: `invalid port ${JSON.stringify(colonPort)} after host`};
	}
	const bad = unescapeError(host, 'host');
	return bad === null ? {host} : {error: bad};
}

// validUserinfo: RFC 3986 userinfo characters plus the ones Go tolerates.
function validUserinfo(s: string): boolean {
	for (const c of s) {
		if (isAlpha(c) || isDigit(c)) continue;
		if (!'-._:~!$&\'()*+,;=%@'.includes(c)) return false;
	}
	return true;
}

/** url.Parse(raw) as Go does it, reduced to what bindings.http needs: scheme and host, or Go's error text. */
export function parseGoUrl(raw: string): GoUrl {
	const hash = raw.indexOf('#');
	const main = hash < 0 ? raw : raw.slice(0, hash);
	if (hasControlByte(main)) return {ok: false, error: 'net/url: invalid control character in URL'};
	if (main === '*') return {ok: true, scheme: '', host: ''};
	const split = getScheme(main);
	if ('error' in split) return {ok: false, error: split.error};
	const scheme = split.scheme.toLowerCase();
	let rest = split.rest;
	const question = rest.indexOf('?');
	if (question >= 0) rest = rest.slice(0, question);
	let host = '';
	if (!rest.startsWith('/')) {
		// With a scheme it is an opaque URL (`https:example.com`); Go parses it and leaves Host empty.
		if (scheme === '') {
			const colon = rest.indexOf(':');
			const slash = rest.indexOf('/');
			if (colon >= 0 && (slash < 0 || colon < slash)) return {ok: false, error: 'first path segment in URL cannot contain colon'};
		} else {
			return finishFragment(raw, hash, {ok: true, scheme, host: ''});
		}
	}
	if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
		const afterSlashes = rest.slice(2);
		const slash = afterSlashes.indexOf('/');
		const authority = slash < 0 ? afterSlashes : afterSlashes.slice(0, slash);
		rest = slash < 0 ? '' : afterSlashes.slice(slash);
		// parseAuthority: the host first, then the userinfo.
		const at = authority.lastIndexOf('@');
		const parsed = parseHost(at < 0 ? authority : authority.slice(at + 1));
		if ('error' in parsed) return {ok: false, error: parsed.error};
		host = parsed.host;
		if (at >= 0) {
			const userinfo = authority.slice(0, at);
			if (!validUserinfo(userinfo)) return {ok: false, error: 'net/url: invalid userinfo'};
			const bad = unescapeError(userinfo, 'userinfo');
			if (bad !== null) return {ok: false, error: bad};
		}
	}
	const badPath = unescapeError(rest, 'path');
	if (badPath !== null) return {ok: false, error: badPath};
	return finishFragment(raw, hash, {ok: true, scheme, host});
}

function finishFragment(raw: string, hash: number, result: GoUrl): GoUrl {
	if (hash < 0 || !result.ok) return result;
	const bad = unescapeError(raw.slice(hash + 1), 'fragment');
	return bad === null ? result : {ok: false, error: bad, inFragment: true};
}

/**
 * The error bindings.http returns on every invoke with this url and HTTP method (`Post`), as Go prints it, or null
 * when Go builds and sends the request. Parse errors come from http.NewRequestWithContext, the rest from the client.
 */
export function goHttpInvokeError(raw: string, method = 'Post'): string | null {
	const parsed = parseGoUrl(raw);
	// url.Error quotes the URL without its #fragment, unless the fragment is what failed.
	if (!parsed.ok) return `parse ${JSON.stringify(parsed.inFragment === true ? raw : raw.split('#')[0]!)}: ${parsed.error}`;
	// The client's url.Error quotes req.URL.String(): the scheme lower-cased, and `https:/x` printed as `https:///x`.
	const rest = raw.slice(parsed.scheme.length + (parsed.scheme === '' ? 0 : 1));
	const shown = parsed.scheme === '' ? raw : `${parsed.scheme}:${rest.startsWith('/') && !rest.startsWith('//') ? `//${rest}` : rest}`;
	if (parsed.scheme !== 'http' && parsed.scheme !== 'https') return `${method} ${JSON.stringify(shown)}: unsupported protocol scheme ${JSON.stringify(parsed.scheme)}`;
	if (parsed.host === '') return `${method} ${JSON.stringify(shown)}: http: no Host in request URL`;
	return null;
}
