// `berth inspect`: for now, images (containers, pods, volumes and networks join as they arrive).
import { inspectCommand } from './inspect.js';

export default inspectCommand({ typeFlag: true });
