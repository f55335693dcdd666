#!/usr/bin/env node
// The `zct` command: runs the TypeScript CLI through tsx, so that no build step stands between a clone and use.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
