/**
 * A picture of the workbench as a test left it, for the README. Only the harness driving the browser can take one
 * (scripts/test-editor.mjs, which names a folder in CLOUDTRAIL_PICTURES): the test asks by writing `NAME.wanted`
 * there (what part of the workbench, as JSON) and waits, with a limit, for `NAME.taken`. Without that harness (test:vscode), no picture is asked for.
 */
import { existsSync, watch, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { within } from '../support/within';

const PICTURE_LIMIT_MS = 30_000;

/** A part of the workbench: the element `selector` finds (its edge dragged out to `width`, as a user would), its top `height` pixels at most. */
export interface PictureArea {
  readonly selector: string;
  readonly width?: number;
  readonly height?: number;
}

/** Resolves once the harness has taken the picture `name` of the workbench as it is now, or of `area` (at once without a harness). */
export async function pictureTaken(name: string, area?: PictureArea): Promise<void> {
  const folder = process.env.CLOUDTRAIL_PICTURES;
  if (!folder) return;
  const taken = path.join(folder, `${name}.taken`);
  const watcher = watch(folder);
  try {
    const seen = new Promise<void>((resolve) => {
      const check = () => existsSync(taken) && resolve();
      watcher.on('change', check);
      check();
    });
    writeFileSync(path.join(folder, `${name}.wanted`), JSON.stringify(area ?? null));
    await within(seen, PICTURE_LIMIT_MS, `the harness taking the picture ${name}`);
  } finally {
    watcher.close();
  }
}
