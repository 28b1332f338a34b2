// `berth container inspect`: `berth inspect` for containers only (see inspect-object.ts).
import { inspectObjectCommand } from '../inspect-object.js';

export default inspectObjectCommand('container');
