// `npm run agent` and the image's `runsheet agent` start here (lib/agent/main.ts says what it does).
import { main } from "./main";

void main();
