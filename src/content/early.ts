// The first of our two content scripts, at document_start in every frame: only our input
// listeners (src/content/input-bridge.ts). Kept tiny: it runs inside the page's parsing task.
import { inputBridge } from './input-bridge.ts';

inputBridge();
