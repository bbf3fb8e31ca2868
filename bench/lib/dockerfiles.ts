/** Deterministic Dockerfiles of a given length, built from realistic parts (multi-stage, apt, npm, COPY, ENV…). */
const PARTS = [
  (i: number) => [`FROM node:20-alpine AS build${i}`, 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev', 'COPY src/ ./src/', 'RUN npm run build'],
  (i: number) => [`FROM debian:12-slim AS tools${i}`, 'ARG TOOL_VERSION=1.2.3', 'RUN apt-get update \\', '    && apt-get install -y --no-install-recommends curl ca-certificates \\', '    && rm -rf /var/lib/apt/lists/*', 'ENV PATH=/opt/tools/bin:$PATH'],
  (i: number) => [`FROM python:3.12-slim AS api${i}`, 'WORKDIR /srv', 'COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt', 'COPY app/ ./app/', 'USER 1000', 'EXPOSE 8000', 'CMD ["uvicorn", "app.main:app"]'],
  (i: number) => ['# a comment between steps', `LABEL org.opencontainers.image.revision=r${i}`, 'RUN echo building | tee /tmp/log', 'HEALTHCHECK CMD ["wget", "-q", "-O-", "http://localhost/"]'],
];

export function makeDockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE_TAG=3.20'];
  let i = 0;
  while (out.length < lines) {
    out.push(...PARTS[i % PARTS.length](i));
    i++;
  }
  out.length = Math.max(lines, 2);
  // A stage must not end inside a continuation.
  while (out[out.length - 1].endsWith('\\')) out.pop();
  return out.join('\n') + '\n';
}
