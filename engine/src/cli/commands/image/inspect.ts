// `berth image inspect`: `berth inspect` for images only (see inspect-object.ts).
import { inspectObjectCommand } from '../inspect-object.js';

export default inspectObjectCommand('image');
