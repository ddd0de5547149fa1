import rule from '../../../../src/core/rules/dockerfile/base-image.js';
import {complete, DOCKERFILE} from '../../../helpers/rules.js';
import {ruleTester} from '../../../helpers/rule-tester.js';

const withFrom = (from: string) => complete({Dockerfile: DOCKERFILE.replace('FROM python:3.12-slim', from)});

ruleTester.run(rule, {
	valid: [
		...['FROM python:3.12-slim', 'FROM docker.io/library/python:3.11', 'FROM --platform=linux/amd64 python:3.12-alpine AS app', 'FROM python@sha256:abcdef', 'FROM python:3.12 AS base\nFROM base'].map((from) => ({name: from, files: withFrom(from)})),
		...['FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11', 'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim', 'ARG PY=3.12\nFROM python:${PY}-slim', 'FROM gcr.io/distroless/python3'].map((from) => ({name: `an image that ships Python: ${from}`, files: withFrom(from)})),
		{name: 'an unreadable Dockerfile is left to dockerfile/syntax', files: complete({Dockerfile: 'RUN \\\n'.repeat(30_000)})},
	],
	invalid: [
		{name: 'not python', files: withFrom('FROM node:20'), errors: [{messageId: 'notPython', file: 'Dockerfile', line: 1, column: 6, severity: 'error', hint: 'Write `FROM python:3.12-slim`.'}]},
		{name: 'the last stage decides', files: withFrom('FROM python:3.12 AS build\nFROM alpine:3.20'), errors: [{messageId: 'notPython', file: 'Dockerfile', line: 2, column: 6, severity: 'error'}]},
		{name: 'an image that only mentions python in its path: warning', files: withFrom('FROM myorg/python-tools/base:1'), errors: [{messageId: 'maybe', file: 'Dockerfile', line: 1, column: 6, severity: 'warning'}]},
	],
});
