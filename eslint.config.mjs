// ESLint (typescript-eslint) for the whole tree; formatting is Prettier's (eslint-config-prettier
// turns off the rules that would fight it). Type-aware, so that a floating promise is an error.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'appPackage/build/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.check.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'smart'],
      // Prettier wraps code at 100; strings, template literals (SQL, HTML, French texts) and
      // regular expressions are left whole rather than cut.
      'max-len': [
        'error',
        {
          code: 100,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
    },
  },
  {
    // The tabs' pages (issue 15) are browser code with their own tsconfig (DOM lib).
    files: ['web/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./web/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Tests walk freely into the JSON the bot answered; everywhere else `any` is an error.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  prettier,
);
