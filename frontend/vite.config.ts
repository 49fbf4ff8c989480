/// <reference types="vitest/config" />
// Vite: the dev server (proxying the API to a running `rookery serve`), the build, and Vitest.
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const server = process.env.ROOKERY_DEV_SERVER ?? 'http://localhost:8080';

/**
 * Replaces each graphql`…` document with an import of the artifact relay-compiler wrote
 * for it in the `__generated__` folder beside the file.
 */
function relayDocuments(): Plugin {
  const tagged = /graphql`\s*(?:query|fragment|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)[^`]*`/g;
  return {
    name: 'rookery-relay-documents',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.includes('node_modules') || !code.includes('graphql`')) {
        return null;
      }
      const imports: string[] = [];
      const replaced = code.replace(tagged, (_whole, name: string) => {
        const local = `__relay_${name}`;
        const artifact = path.posix.join('.', '__generated__', `${name}.graphql`);
        imports.push(`import ${local} from './${artifact}';`);
        return local;
      });
      return { code: `${imports.join('\n')}\n${replaced}`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [relayDocuments(), react()],
  build: {
    // Everything is a file of its own: the content security policy allows no data: URLs.
    assetsInlineLimit: 0,
    sourcemap: false,
    // The web client, and GraphiQL (at /graphiql) apart from it.
    rollupOptions: {
      input: { main: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's packages mark modules "use no memo" for the React compiler, which is not
      // used here; bundling drops the directive harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
    // React and Relay alone are about 520 kB minified (under 150 kB gzipped); warn past that.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/graphql/ws': { target: server.replace(/^http/, 'ws'), ws: true },
      '/graphql': { target: server },
      '/auth': { target: server },
      '/media': { target: server },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
