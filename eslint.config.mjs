// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'libs/core/src/generated/**', 'web/dist/**', '**/*.wasm.ts', 'coverage/**', '.data/**', '**/.scratch/**', 'test-artifacts/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly', module: 'writable', require: 'readonly' } } },
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Libraries stay framework-free: the forecasting math never imports Nest, Prisma, BullMQ or Redis.
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/apps/**'] }] },
  },
  {
    // The wire types: plain TypeScript the dashboard bundles as it is, so nothing but each other.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^[^.]', message: 'libs/contracts is dependency-free: relative imports only.' }] },
      ],
    },
  },
  {
    files: ['libs/forecasting/**/*.ts', 'libs/fused-gru/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', '@prisma/*', 'bullmq', 'ioredis', '@seqcast/core', '**/apps/**'] },
      ],
    },
  },
  {
    // The fused GRU is the lower lib: it defines the GruModel contract and never imports the forecasting lib.
    files: ['libs/fused-gru/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            '@prisma/*',
            'bullmq',
            'ioredis',
            '@seqcast/core',
            '**/apps/**',
            '@seqcast/forecasting',
            '@seqcast/forecasting/*',
            '**/forecasting/**',
          ],
        },
      ],
    },
  },
);
