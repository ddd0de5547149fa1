import {describe, expect, test} from 'vitest';
import {at, check, complete, DOCKERFILE} from '../../../helpers/rules.js';

const RULE = 'dockerfile/base-image';
const withFrom = (from: string) => complete({Dockerfile: DOCKERFILE.replace('FROM python:3.12-slim', from)});

describe(RULE, () => {
	test.each(['FROM python:3.12-slim', 'FROM docker.io/library/python:3.11', 'FROM --platform=linux/amd64 python:3.12-alpine AS app', 'FROM python@sha256:abcdef', 'FROM python:3.12 AS base\nFROM base'])('valid: %s', (from) => {
		expect(check(RULE, withFrom(from))).toEqual([]);
	});
	test('not python', () => {
		const findings = check(RULE, withFrom('FROM node:20'));
		expect(at(findings)).toEqual([[RULE, 'error', 'Dockerfile', 1, 6]]);
		expect(findings[0]!.hint).toBe('Write `FROM python:3.12-slim`.');
	});
	test('the last stage decides', () => {
		expect(at(check(RULE, withFrom('FROM python:3.12 AS build\nFROM alpine:3.20')))).toEqual([[RULE, 'error', 'Dockerfile', 2, 6]]);
	});
	test('an image that only mentions python in its path: warning', () => {
		expect(at(check(RULE, withFrom('FROM myorg/python-tools/base:1')))).toEqual([[RULE, 'warning', 'Dockerfile', 1, 6]]);
	});
	test.each(['FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11', 'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim', 'ARG PY=3.12\nFROM python:${PY}-slim', 'FROM gcr.io/distroless/python3'])('an image that ships Python: %s', (from) => {
		expect(check(RULE, withFrom(from))).toEqual([]);
	});
	test('an unreadable Dockerfile is left to dockerfile/syntax', () => {
		expect(check(RULE, complete({Dockerfile: 'RUN \\\n'.repeat(30_000)}))).toEqual([]);
	});
});
