import { inject } from "vitest";
import { readDemoMaterial } from "../demo-data-folder";
import { useSharedDemoMaterial } from "../seed";
import "./demo-material-per-run";

/**
 * Vitest setup file (runs before each test file, in its module graph): the test-mode simulators
 * of this file use the run's demo material that `./demo-material-per-run.ts` made, read from its
 * folder (PEM and JWK files: milliseconds), instead of making their own RSA keys. Does nothing
 * when the project has no such global setup. A file whose material cannot be read fails with
 * the folder named.
 */
const dir = inject("portvaktDemoMaterialDir");
if (dir) {
  useSharedDemoMaterial(
    readDemoMaterial(dir, new Date()).then((material) => {
      if (!material) throw new Error(`This run's demo material in ${dir} cannot be read`);
      return material;
    }),
  );
}
