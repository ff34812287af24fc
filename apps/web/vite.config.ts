import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The BFF serves /api on the same origin in production; in development vite proxies to it.
const bffUrl = process.env.BFF_URL ?? "http://127.0.0.1:7401";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    // The BFF in `pnpm dev` expects the browser at exactly this origin (sign-in, Origin check).
    host: "127.0.0.1",
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy: {
      "/api": { target: bffUrl, changeOrigin: false },
      // Sign-in runs through the BFF too, so the session cookie lands on this origin.
      "/auth": { target: bffUrl, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    rolldownOptions: {
      treeshake: {
        // Designsystemet's React package declares no `sideEffects`, so every component (and its
        // web components, floating-ui, icons) would ride along in the first load. Its modules
        // only define components: what a page does not use is left out. The web components
        // (@digdir/designsystemet-web) keep their side effects and come with the components
        // that need them (tabs), in those pages' chunks.
        moduleSideEffects: [{ test: /@digdir[/\\]designsystemet-react[/\\]/, sideEffects: false }],
      },
    },
  },
});
