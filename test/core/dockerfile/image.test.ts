import {describe, expect, it} from 'vitest';
import {isPythonImage, parseImageRef} from '../../../src/core/dockerfile/model.js';

describe('parseImageRef', () => {
	it.each([
		['python:3.12-slim', {registry: null, repository: 'python', name: 'python', tag: '3.12-slim', digest: null}],
		['docker.io/library/python:3.12', {registry: 'docker.io', repository: 'python', name: 'python', tag: '3.12', digest: null}],
		['localhost:5000/team/app', {registry: 'localhost:5000', repository: 'team/app', name: 'app', tag: null, digest: null}],
		['python@sha256:abc', {registry: null, repository: 'python', name: 'python', tag: null, digest: 'sha256:abc'}],
		['gcr.io/distroless/python3-debian12:nonroot', {registry: 'gcr.io', repository: 'distroless/python3-debian12', name: 'python3-debian12', tag: 'nonroot', digest: null}],
	])('%s', (image, want) => {
		expect(parseImageRef(image)).toEqual(want);
	});
});

describe('isPythonImage', () => {
	it.each([
		['python:3.12-slim', true],
		['python', true],
		['docker.io/library/python:3.12-alpine', true],
		['mcr.microsoft.com/devcontainers/python:3.12', true],
		['ghcr.io/astral-sh/uv:python3.12-bookworm-slim', true],
		['tiangolo/uvicorn-gunicorn-fastapi:python3.11', true],
		['pypy:3.10', true],
		['node:20', false],
		['ubuntu:24.04', false],
		['scratch', false],
		['alpine:3.20', false],
		['pythonic/tool', false],
		['', false],
	])('%s → %s', (image, want) => {
		expect(isPythonImage(image)).toBe(want);
	});
});
